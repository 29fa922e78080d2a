"""Django's own Spanish corrected where it reads wrong beside the portal's words (locale-django):
the admin's "View" link is "Ver", not the noun "Vista"; a password is a "contraseña" as its field
is labelled, never a "clave"."""

import pytest
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_admin_s_view_link_is_a_verb(secretariat_client):
    html = secretariat_client.get("/es/admin/").content.decode()
    # The groups' history is read-only: the index offers it to be seen, not changed.
    assert 'class="viewlink"' in html
    links = html.split('class="viewlink"')[1:]
    assert all(link.split(">", 1)[1].startswith("Ver</a>") for link in links)
    assert ">Vista<" not in html


def test_a_refused_admin_log_in_speaks_of_the_password_as_its_field_does(secretariat_user):
    response = Client().post("/es/admin/login/?next=/es/admin/", {"username": "clerk", "password": "no"})
    html = response.content.decode()
    assert "Contraseña" in html
    assert "Escriba el nombre de usuario y la contraseña correctos de una cuenta del personal." in html
    assert "clave" not in html


@pytest.mark.parametrize(
    "msgid",
    [
        "Invalid password format or unknown hashing algorithm.",
        "No password set.",
        "Your password can’t be a commonly used password.",
    ],
)
def test_no_password_message_says_clave(msgid):
    with translation.override("es"):
        spanish = translation.gettext(msgid)
    assert spanish != msgid and "contraseña" in spanish and "clave" not in spanish
