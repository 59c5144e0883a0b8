from django import template

register = template.Library()


@register.filter
def zip_pairs(left, right):
    return list(zip(left, right, strict=False))
