from django.contrib import admin

from accounts.admin_scoping import ScopedToViewerAdmin

from .models import Certificate, Course, Enrollment, Lesson, Stage


class StageInline(admin.TabularInline):
    model = Stage
    fields = ("position", "slug", "title", "is_active")
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "imported_at")
    inlines = [StageInline]
    readonly_fields = ("content_hash", "imported_at")


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "stage", "position", "word_count", "is_active")
    list_filter = ("course", "stage", "is_active")
    readonly_fields = ("body_html",)


@admin.register(Enrollment)
class EnrollmentAdmin(ScopedToViewerAdmin, admin.ModelAdmin):
    list_display = ("user", "course", "status", "progress_percent", "due_at", "completed_at")
    list_filter = ("course", "status")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    list_select_related = ("user", "course")


@admin.register(Certificate)
class CertificateAdmin(ScopedToViewerAdmin, admin.ModelAdmin):
    person_field = "enrollment__user"
    list_display = ("code", "learner_name", "course_title", "issued_at")
    search_fields = ("code", "learner_name")
