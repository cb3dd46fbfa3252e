from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xaydungdang.reports"

    def ready(self) -> None:
        from xaydungdang.members.totals import register_counter
        from xaydungdang.reports.selectors.members import list_total

        register_counter(list_total)  # member lists of a rollup organization's subtree: the total kept here
