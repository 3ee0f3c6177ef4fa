urlpatterns = []  # filled in by the ceremony work
