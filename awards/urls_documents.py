urlpatterns = []  # PDF documents and certificates (awards/views/documents.py)
