from django.apps import AppConfig


class WatchlistConfig(AppConfig):
    name = "posko.watchlist"
    label = "watchlist"
