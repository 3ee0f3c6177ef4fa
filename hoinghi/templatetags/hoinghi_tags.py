from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Vietnamese order (family name first), or the username."""
    if user is None:
        return ""
    full = " ".join(part for part in (user.last_name, user.first_name) if part)
    return full or user.get_username()
