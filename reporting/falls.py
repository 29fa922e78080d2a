"""A percentage lower than the group reported for the same activity in the round before is
most often a slip (a typo, a row taken for another): the focal point is asked to confirm it
before submitting, and the workbook's preview shows it. A fall of more than BIG_DROP points is
said so. Progress may really go back (a plan redone), so nothing is refused."""

from django.utils.translation import gettext as _

BIG_DROP = 20  # points


def fall_warning(before: int | None, after: int | None) -> str:
    """What to say about going from `before` (the previous round's) to `after`; "" when fine."""
    if before is None or after is None or after >= before:
        return ""
    if before - after > BIG_DROP:
        return _("A drop of %(points)s points, from %(before)s%% to %(after)s%%: is it right?") % {
            "points": before - after,
            "before": before,
            "after": after,
        }
    return _("Below the previous round's %(before)s%% (now %(after)s%%): is it right?") % {
        "before": before,
        "after": after,
    }
