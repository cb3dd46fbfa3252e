from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xaydungdang.core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from xaydungdang.core.sessions import mark_touched_on_login

        user_logged_in.connect(mark_touched_on_login, dispatch_uid="core.sessions.touch_on_login")
