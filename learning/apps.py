from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learner's path"

    def ready(self) -> None:
        from exercises.signals import exercise_passed

        from .services.progress import on_exercise_passed

        exercise_passed.connect(on_exercise_passed, dispatch_uid="learning.progress")
