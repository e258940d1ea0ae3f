from django.urls import path

from .views import review

app_name = "exercises"

urlpatterns = [
    path("review/", review.queue, name="review_queue"),
    path("review/<int:submission_id>/", review.review, name="review"),
    path("review/<int:submission_id>/grade-again/", review.grade_again, name="grade_again"),
]
