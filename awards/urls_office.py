urlpatterns = []  # council results, decisions and proposals pages (awards/views/office.py)
