"""The Vietnamese summary and description of each API operation (the views' docstrings are for developers).

Keyed by the resource of the operation id (`v1_<resource>_<action>`): the resource's description, its noun,
and the summaries of its own actions. Literals marked with gettext_noop, so the English catalog has them; the
schema's AutoSchema (schema.py) gives them to every operation in the reader's language, and the docs page
(docs.py) shows them from the schema.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The standard actions of a viewset: their summary, of the resource's noun.
ACTIONS = {
    "list": gettext_noop("Danh sách: %(name)s"),
    "retrieve": gettext_noop("Xem một bản ghi: %(name)s"),
    "create": gettext_noop("Thêm mới: %(name)s"),
    "update": gettext_noop("Sửa: %(name)s"),
    "partial_update": gettext_noop("Sửa một phần: %(name)s"),
}

# resource: (noun, description, {action: summary or (summary, description)} for the resource's own actions)
RESOURCES = {
    "appointments": (
        gettext_noop("bổ nhiệm, giới thiệu ứng cử"),
        gettext_noop(
            "Đề nghị và quyết định bổ nhiệm, giới thiệu ứng cử. POST để đề nghị; POST …/decide/ để ghi quyết định."
        ),
        {"decide_create": gettext_noop("Ghi quyết định về đề nghị bổ nhiệm")},
    ),
    "auth_token": (
        gettext_noop("mã truy cập"),
        gettext_noop(
            "Gửi tên đăng nhập, mật khẩu (và `otp`, mã xác thực hai lớp, nếu người dùng bật xác thực hai lớp) → "
            '{"token", "expiry"}; mã truy cập chỉ hiện một lần và không lưu ở dạng đọc được.'
        ),
        {"create": gettext_noop("Lấy mã truy cập")},
    ),
    "auth_token_revoke": (
        gettext_noop("mã truy cập"),
        gettext_noop("Gửi kèm một mã truy cập: mã đó thôi dùng được."),
        {"create": gettext_noop("Thu hồi mã truy cập đang dùng")},
    ),
    "auth_token_revoke_all": (
        gettext_noop("mã truy cập"),
        gettext_noop("Mọi mã truy cập của người dùng thôi dùng được (khi mất máy)."),
        {"create": gettext_noop("Thu hồi mọi mã truy cập")},
    ),
    "candidates": (
        gettext_noop("quần chúng ưu tú"),
        gettext_noop(
            "Quần chúng ưu tú của các tổ chức người dùng được xem, theo chi bộ và họ tên; lọc theo `org` (cả cây "
            "dưới nó), bước hiện tại `step` và tình trạng `status`."
        ),
        {},
    ),
    "certificates": (
        gettext_noop("giấy chứng nhận bồi dưỡng"),
        gettext_noop("Giấy chứng nhận của đảng viên và quần chúng thuộc các tổ chức người dùng giữ chức trách."),
        {},
    ),
    "events": (
        gettext_noop("sự kiện đảng tịch"),
        gettext_noop(
            "Sự kiện đảng tịch của các đảng viên người dùng được xem, theo ngày; lọc theo đảng viên, loại và khoảng ngày."
        ),
        {},
    ),
    "fee_bases": (
        gettext_noop("căn cứ tính đảng phí"),
        gettext_noop(
            "Căn cứ tính đảng phí của đảng viên, theo ngày hiệu lực; POST ghi căn cứ mới (căn cứ trước kết thúc)."
        ),
        {},
    ),
    "fee_payments": (
        gettext_noop("khoản nộp đảng phí"),
        gettext_noop(
            "Các khoản nộp ghi trong sổ thu đảng phí người dùng được xem; lọc theo `org` (cả cây dưới nó), `month` "
            "và `member`. POST ghi một hoặc nhiều tháng (nộp trước); `correct` sửa một khoản có lý do, `cancel` "
            "hủy một khoản có lý do (lịch sử giữ cả hai)."
        ),
        {
            "cancel_create": gettext_noop("Hủy khoản nộp đảng phí"),
            "correct_create": gettext_noop("Đính chính khoản nộp đảng phí"),
        },
    ),
    "fee_reliefs": (
        gettext_noop("miễn, giảm đảng phí"),
        gettext_noop(
            "Miễn, giảm đảng phí theo quyết định; POST ghi một quyết định (người giữ chức trách ở cấp có thẩm quyền)."
        ),
        {},
    ),
    "fee_remittances": (
        gettext_noop("nộp đảng phí lên cấp trên"),
        gettext_noop("Số đảng phí mỗi cấp đã nộp lên cấp trên, theo tháng hoặc quý."),
        {},
    ),
    "fees_reconciliation": (
        gettext_noop("đối chiếu đảng phí"),
        gettext_noop("Đối chiếu thu, nộp đảng phí của một cây tổ chức trong một kỳ (tính từ sổ thu)."),
        {"retrieve": gettext_noop("Đối chiếu đảng phí của một cây tổ chức")},
    ),
    "fees_sheet": (
        gettext_noop("sổ thu đảng phí"),
        gettext_noop("Sổ thu đảng phí của một chi bộ trong một tháng (tính từ căn cứ, miễn giảm và các khoản nộp)."),
        {"list": gettext_noop("Sổ thu đảng phí của chi bộ trong tháng")},
    ),
    "meetings": (
        gettext_noop("buổi sinh hoạt"),
        gettext_noop(
            "Buổi sinh hoạt của các tổ chức người dùng được xem, theo ngày; lọc theo `org` (cả cây dưới nó), "
            "loại `kind`, trạng thái `state` và khoảng ngày."
        ),
        {
            "create": gettext_noop("Đưa một buổi sinh hoạt vào kế hoạch của tổ chức (theo mã số hoặc mã tổ chức)"),
            "attendance_create": gettext_noop(
                "Ghi buổi sinh hoạt đã họp và điểm danh từng đảng viên (ghi tất cả hoặc không)"
            ),
            "invite_create": gettext_noop(
                "Gửi giấy mời (hộp thư và thư điện tử kèm tệp .ics) cho đảng viên và khách mời"
            ),
            "reschedule_create": gettext_noop(
                "Dời buổi sinh hoạt đã lên kế hoạch, có lý do; người được mời nhận thông báo mới"
            ),
        },
    ),
    "members": (
        gettext_noop("đảng viên"),
        gettext_noop(
            "Đảng viên người dùng được xem. Số CCCD, nơi cư trú và số điện thoại được che nếu người dùng không "
            "được sửa hồ sơ (trừ hồ sơ của chính mình). Bộ lọc và `q` (họ tên không dấu) như trang /members/."
        ),
        {
            "events_create": (
                gettext_noop("Ghi một sự kiện đảng tịch của đảng viên"),
                gettext_noop(
                    "Ghi một sự kiện đảng tịch qua dịch vụ của nó, như trang quá trình của đảng viên. Trường `kind` "
                    "chọn loại sự kiện và các trường của nó (xem các biến thể của lược đồ); ngày theo dd/mm/yyyy "
                    "hoặc ISO; chi bộ theo mã số hoặc mã tổ chức. Dịch vụ từ chối thì trả 400, nêu trường và quy tắc."
                ),
            )
        },
    ),
    "notifications": (
        gettext_noop("thông báo"),
        gettext_noop("Thông báo của người đang đăng nhập, mới nhất trước (`unread=true`: các thông báo chưa đọc)."),
        {
            "read_create": gettext_noop("Đánh dấu một thông báo đã đọc (giữ lần đọc đầu tiên)"),
            "read_all_create": gettext_noop("Đánh dấu mọi thông báo chưa đọc là đã đọc; trả về số thông báo chưa đọc"),
        },
    ),
    "organizations": (
        gettext_noop("tổ chức đảng"),
        gettext_noop("Tổ chức đảng người dùng được xem, theo thứ tự cây."),
        {
            "move_create": gettext_noop(
                "Chuyển tổ chức (cùng cây dưới nó) sang tổ chức cấp trên khác (cả hai phải được sửa)"
            )
        },
    ),
    "plan_entries": (
        gettext_noop("người trong quy hoạch cán bộ"),
        gettext_noop("Người trong quy hoạch cán bộ. POST thêm một người (kiểm tra giới hạn theo QĐ 377)."),
        {},
    ),
    "posts": (
        gettext_noop("chức vụ"),
        gettext_noop(
            "Chức vụ đảm nhiệm (`on=YYYY-MM-DD`: cấp ủy vào ngày đó; `member`: chức vụ của một đảng viên). POST "
            "thêm một chức vụ; POST …/end/ kết thúc chức vụ."
        ),
        {"end_create": gettext_noop("Kết thúc một chức vụ")},
    ),
    "review_periods": (
        gettext_noop("kỳ đánh giá"),
        gettext_noop("Kỳ đánh giá, xếp loại áp dụng cho các tổ chức người dùng được xem, mới nhất trước."),
        {},
    ),
    "reviews": (
        gettext_noop("kết quả xếp loại"),
        gettext_noop(
            "Kết quả xếp loại đã duyệt người dùng được xem: đảng viên và tổ chức trong phạm vi, hoặc của chính "
            "mình; lọc theo `period`, `org` (cả cây dưới nó), `level`, `subject` và `member`."
        ),
        {},
    ),
    "terms": (
        gettext_noop("nhiệm kỳ"),
        gettext_noop("Nhiệm kỳ của các tổ chức người dùng được xem; `org` lọc theo cây tổ chức. POST mở một nhiệm kỳ."),
        {},
    ),
    "training_classes": (
        gettext_noop("lớp bồi dưỡng"),
        gettext_noop(
            "Lớp bồi dưỡng người dùng được xem, mới nhất trước, kèm học viên; lọc theo `org` (cả cây dưới nó), "
            "mục đích `purpose`, năm `year`."
        ),
        {},
    ),
    "training_plans": (
        gettext_noop("kế hoạch bồi dưỡng"),
        gettext_noop("Kế hoạch bồi dưỡng hằng năm của các tổ chức người dùng được xem."),
        {},
    ),
    "transfers": (
        gettext_noop("chuyển sinh hoạt đảng"),
        gettext_noop(
            "Giấy giới thiệu chuyển sinh hoạt của các đảng viên người dùng được xem, và giấy đang chờ các tổ "
            "chức của người dùng tiếp nhận (`waiting=true`)."
        ),
        {
            "accept_create": gettext_noop(
                "Chi bộ nơi đến tiếp nhận đảng viên (đảng viên chuyển về đó); giấy gửi ra ngoài hệ thống: bên "
                "chuyển đi ghi xác nhận của nơi nhận. Nộp giấy muộn phải có `note`"
            ),
            "cancel_create": gettext_noop("Bên chuyển đi thu hồi giấy giới thiệu đã quá hạn chưa được tiếp nhận"),
        },
    ),
}


def _split(operation_id: str) -> tuple[str, str] | None:
    """(resource, action) of `v1_<resource>_<action>`: the longest resource of RESOURCES that matches."""
    name = operation_id.removeprefix("v1_")
    for resource in sorted(RESOURCES, key=len, reverse=True):
        if name.startswith(resource + "_"):
            return resource, name[len(resource) + 1 :]
    return None


def described(operation_id: str) -> tuple[str, str] | None:
    """The (summary, description) of the operation in the active language; None when it keeps its own."""
    found = _split(operation_id)
    if found is None:
        return None
    resource, action = found
    noun, description, own = RESOURCES[resource]
    if isinstance(own.get(action), tuple):
        summary, description = own[action]
        summary = _(summary)
    elif action in own:
        summary = _(own[action])
    elif action in ACTIONS:
        summary = _(ACTIONS[action]) % {"name": _(noun)}
    else:
        return None
    return summary, _(description)
