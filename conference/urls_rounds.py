"""Rounds across years: the next round, awards carried over, matches, statistics, published documents."""

from django.urls import path

from conference.views import rounds as views

urlpatterns = [
    path("rounds/next/", views.next_round, name="next_round"),
    path("rounds/view/", views.round_view, name="round_view"),
    path("rounds/<int:pk>/carry-awards/", views.round_carry_awards, name="round_carry_awards"),
    path("rounds/matches/", views.round_matches, name="round_matches"),
    path("rounds/matches/<int:pk>/decide/", views.round_match_decide, name="round_match_decide"),
    path("rounds/statistics/", views.round_statistics, name="round_statistics"),
    path("rounds/decisions/<int:pk>/publish/", views.decision_publish, name="decision_publish"),
    path("honour-roll/<int:year>/", views.honour_roll_year, name="conference_honour_roll_year"),
    path("honour-roll/documents/<int:pk>.pdf", views.published_document_pdf, name="published_document_pdf"),
]
