urlpatterns = []  # filled in by the invitations work
