"""Template filters for an exercise's customer scenario."""

from django import template

from exercises.grading.channels import channel_label

register = template.Library()
register.filter("channel_label", channel_label)
