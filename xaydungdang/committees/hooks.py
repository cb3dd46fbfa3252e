"""Connect committees to the lifecycle's exits: a member who leaves or dies has their posts ended on that day."""

from xaydungdang.members.lifecycle import exits


def connect() -> None:
    from xaydungdang.committees.services import member_posts_end

    exits.register("committees", member_posts_end)
