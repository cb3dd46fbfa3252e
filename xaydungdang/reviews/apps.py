from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "xaydungdang.reviews"

    def ready(self) -> None:
        from xaydungdang.reviews.self_reviews import register_sections

        register_sections()
