"""The project's URLs, plus the map pages at peta/ until the project mounts them itself."""

from django.urls import include, path

from posko.config.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "mapping" for p in urlpatterns):
    urlpatterns.append(path("peta/", include("posko.mapping.urls")))
