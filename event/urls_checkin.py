urlpatterns = []  # filled in by the checkin work
