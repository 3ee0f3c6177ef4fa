from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Vietnamese order (family name first), or the username."""
    if user is None:
        return ""
    full = " ".join(part for part in (user.last_name, user.first_name) if part)
    return full or user.get_username()


@register.simple_tag
def readable_history(obj) -> list:
    """Every recorded version of ``obj`` as the history pages show it (newest first)."""
    from hoinghi.history import history_rows

    return history_rows([("", obj.history.all())])


@register.simple_tag(takes_context=True)
def home_panels(context) -> str:
    """The panels higher apps add to the home page (hoinghi/home.py), e.g. the ballots waiting for a vote."""
    from django.utils.safestring import mark_safe

    from hoinghi.home import home_panels as panels

    request = context.get("request")
    return mark_safe("".join(panels(request))) if request is not None else ""  # noqa: S308 (rendered templates)
