"""Exemplars' talks and the honour book (under /conference/)."""

from django.urls import path

from conference.views import book, talks

urlpatterns = [
    path("talks/", talks.talk_list, name="talk_list"),
    path("talks/<int:pk>/", talks.talk_detail, name="talk_detail"),
    path("talks/<int:pk>/review/", talks.talk_review, name="talk_review"),
    path("talks/<int:pk>/file/", talks.talk_file, name="talk_file"),
    path("book/", book.book_page, name="honour_book"),
    path("book/<int:pk>/photo/", book.book_photo, name="honour_book_photo"),
    path("book/job/", book.book_job, name="honour_book_job"),
]
