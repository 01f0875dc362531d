from django.urls import path

from policies import views

app_name = "policies"

urlpatterns = [
    path("about/team/", views.team, name="team"),
    path("about/team/<slug:slug>/", views.author, name="author"),
    path("about/<slug:kind>/", views.policy_page, name="page"),
]
