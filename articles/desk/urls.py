"""Desk addresses, included under /desk/ in the ``articles`` namespace."""

from django.urls import path

from articles.desk import recheck, views

urlpatterns = [
    path("", views.desk_home, name="desk_home"),
    path("claims/<int:pk>/recheck/", recheck.recheck_claim, name="desk_recheck"),
    path("assignments/", views.assignment_list, name="desk_assignments"),
    path("notifications/", views.notification_list, name="desk_notifications"),
    path(
        "notifications/read-all/",
        views.notification_read_all,
        name="desk_notifications_read_all",
    ),
    path(
        "notifications/<int:pk>/open/",
        views.notification_open,
        name="desk_notification_open",
    ),
    path(
        "notifications/<int:pk>/read/",
        views.notification_read,
        name="desk_notification_read",
    ),
    path("preferences/", views.preferences, name="desk_preferences"),
    path("<deskkind:kind>/<int:pk>/assign/", views.assign, name="desk_assign"),
    path("<deskkind:kind>/<int:pk>/unassign/", views.unassign, name="desk_unassign"),
    path(
        "<deskkind:kind>/<int:pk>/assignments/",
        views.assignment_history,
        name="desk_assignment_history",
    ),
    path("<deskkind:kind>/<int:pk>/comments/", views.comment_post, name="desk_comment"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="desk_comment_edit"),
    path(
        "comments/<int:pk>/history/",
        views.comment_history,
        name="desk_comment_history",
    ),
    path("comments/<int:pk>/delete/", views.comment_delete, name="desk_comment_delete"),
    path(
        "comments/<int:pk>/resolve/",
        views.comment_resolve,
        name="desk_comment_resolve",
    ),
    path("comments/<int:pk>/reopen/", views.comment_reopen, name="desk_comment_reopen"),
]
