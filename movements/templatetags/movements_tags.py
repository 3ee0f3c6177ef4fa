from django import template

from movements.figures import figure_text

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure as documents write it: 1.250; 3,5 (``movements.figures.figure_text``)."""
    return figure_text(value)
