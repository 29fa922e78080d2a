"""The public pages in a real browser, against the portal as a new user first runs it.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import re

from playwright.sync_api import expect

TIME_USE_EN = "Methodological guide on time-use measurements in Latin America and the Caribbean"
TIME_USE_ES = "Guía metodológica sobre las mediciones de uso del tiempo en América Latina y el Caribe"


def test_home_in_english_then_spanish_through_the_language_switcher(portal_server, page, screenshot):
    response = page.goto(f"{portal_server.url}/en/")
    assert response is not None and response.status == 200

    # English: the page says so, the sections and the programme's groups are there.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    site_nav = page.locator("header nav.site-nav")
    expect(site_nav.get_by_role("link", name="Documents", exact=True)).to_be_visible()
    expect(site_nav.get_by_role("link", name="Working groups", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Working groups")).to_be_visible()
    gender_group = page.locator("table.groups tbody tr").filter(has_text=TIME_USE_EN)
    expect(gender_group).to_have_count(1)
    expect(gender_group.locator("td").first).to_have_text("IV")
    expect(gender_group).to_contain_text("Theme: gender")
    expect(gender_group).to_contain_text("Mexico")
    expect(gender_group.get_by_role("link", name=TIME_USE_EN)).to_have_attribute(
        "href", "/en/groups/2020-2021/IV/"
    )

    # The switcher offers Spanish as a link, English as the current language.
    switcher = page.locator("nav.languages")
    expect(switcher.locator('[aria-current="true"]')).to_have_attribute("lang", "en")
    switcher.locator('a[hreflang="es"]').click()

    # Spanish: the same page, in Spanish.
    expect(page).to_have_url(re.compile(rf"^{re.escape(portal_server.url)}/es/"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(site_nav.get_by_role("link", name="Documentos", exact=True)).to_be_visible()
    expect(site_nav.get_by_role("link", name="Documents", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", level=2, name="Grupos de trabajo")).to_be_visible()
    grupo_genero = page.locator("table.groups tbody tr").filter(has_text=TIME_USE_ES)
    expect(grupo_genero).to_have_count(1)
    expect(grupo_genero.get_by_role("link", name=TIME_USE_ES)).to_have_attribute(
        "href", "/es/groups/2020-2021/IV/"
    )
    expect(page.locator("main")).not_to_contain_text(TIME_USE_EN)
    expect(switcher.locator('[aria-current="true"]')).to_have_attribute("lang", "es")
    expect(switcher.locator('a[hreflang="en"]')).to_be_visible()

    screenshot(page, "home_es_after_switching")
