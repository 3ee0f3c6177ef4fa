urlpatterns = []  # filled in by the delegates work
