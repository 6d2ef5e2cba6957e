import type { Role } from '../../../shared/api.js';
import type { AuditAction } from '../../../shared/admin.js';

/** The admin page's words, Vietnamese first; kept beside the page rather than in the dashboard's catalogs. */
export const ADMIN_TEXT = {
  vi: {
    title: 'Quản trị', users: 'Người dùng', tokens: 'Mã màn hình và khóa tích hợp', audit: 'Nhật ký kiểm toán',
    username: 'Tên đăng nhập', displayName: 'Họ tên', password: 'Mật khẩu (≥ 10 ký tự)', role: 'Vai trò', units: 'Đơn vị (mã, cách nhau bởi dấu phẩy)',
    create: 'Tạo người dùng', disable: 'Khóa', enable: 'Mở khóa', setUnits: 'Gán đơn vị', disabled: 'Đã khóa', active: 'Hoạt động',
    name: 'Tên', playlist: 'Danh sách hiển thị', issueDisplay: 'Cấp mã màn hình', issueIngest: 'Cấp khóa tích hợp', revoke: 'Thu hồi', revoked: 'Đã thu hồi',
    secretOnce: 'Mã bí mật — chỉ hiển thị một lần, hãy lưu lại ngay:', displayLink: 'Đường dẫn cho màn hình:', dismiss: 'Đã lưu',
    allUnits: 'tất cả', lastUsed: 'Dùng lần cuối', when: 'Thời điểm', action: 'Hành động', actor: 'Người thực hiện', target: 'Đối tượng', ip: 'IP',
    forbidden: 'Chỉ quản trị viên mới vào được trang này.', back: 'Về bảng điều hành', confirmRevoke: 'Thu hồi mã này? Màn hình dùng mã sẽ ngắt kết nối ngay.',
    promptUnits: 'Mã đơn vị, cách nhau bởi dấu phẩy:', kind: 'Loại', lastLogin: 'Đăng nhập lần cuối',
    slides: 'Các trang, theo thứ tự', period: 'Kỳ số liệu', secondsPerSlide: 'Số giây mỗi trang', unitSlide: 'Thêm trang của đơn vị', procedureSlide: 'Thêm trang của thủ tục', add: 'Thêm', remove: 'Bỏ',
    noSlides: 'Chọn ít nhất một trang', noUsers: 'Chưa có người dùng nào', noTokens: 'Chưa cấp mã nào', noAudit: 'Chưa có thao tác nào',
    rejected: 'Sự kiện bị từ chối', rejectedHelp: 'Sự kiện các hệ thống nguồn gửi lên nhưng không được nhận, mới nhất trước: nguồn nào gửi, vì sao, và nội dung đã gửi.',
    source: 'Nguồn gửi', position: 'Vị trí trong lô', eventId: 'Mã sự kiện', reason: 'Lý do', content: 'Nội dung', show: 'Xem',
    older: 'Xem cũ hơn', refresh: 'Làm mới', noRejected: 'Chưa có sự kiện nào bị từ chối', unknownSource: 'không rõ',
    procedures: 'Thủ tục hành chính', proceduresHelp: 'Thời hạn giải quyết theo quy định, tính bằng ngày làm việc: hồ sơ tiếp nhận từ nay mà hệ thống nguồn không gửi hạn trả được tính hạn theo thời hạn này (khi thành phố cắt giảm thời gian giải quyết, sửa ở đây); hồ sơ đã tiếp nhận giữ hạn cũ.',
    search: 'Tìm theo mã, tên hoặc lĩnh vực', code: 'Mã', procedureName: 'Tên thủ tục', field: 'Lĩnh vực', level: 'Cấp', days: 'Thời hạn (ngày làm việc)', online: 'Dịch vụ công trực tuyến',
    save: 'Lưu', addProcedure: 'Thêm thủ tục', noProcedures: 'Không có thủ tục nào khớp', loadingCatalog: 'Đang tải danh mục…', moreProcedures: 'và {n} thủ tục khác: tìm để thu hẹp',
    level_department: 'Cấp tỉnh', level_district: 'Cấp huyện', level_commune: 'Cấp xã',
    online_full: 'Toàn trình', online_partial: 'Một phần', online_none: 'Chỉ thông tin',
    holidays: 'Lịch nghỉ lễ', year: 'Năm', date: 'Ngày', holidayName: 'Tên ngày nghỉ', addHoliday: 'Thêm ngày nghỉ', noHolidays: 'Năm này chưa có ngày nghỉ nào',
    holidaysHelp: 'Ngày làm việc là thứ Hai đến thứ Sáu, trừ các ngày nghỉ dưới đây (âm lịch đổi theo năm: nhập lịch của năm tới khi được công bố). Hồ sơ tiếp nhận từ nay mà hệ thống nguồn không gửi hạn trả được tính hạn theo lịch này; hồ sơ đã tiếp nhận giữ hạn cũ.',
  },
  en: {
    title: 'Administration', users: 'Users', tokens: 'Display tokens and ingest keys', audit: 'Audit log',
    username: 'Username', displayName: 'Full name', password: 'Password (≥ 10 characters)', role: 'Role', units: 'Units (codes, comma-separated)',
    create: 'Create user', disable: 'Disable', enable: 'Enable', setUnits: 'Assign units', disabled: 'Disabled', active: 'Active',
    name: 'Name', playlist: 'Playlist', issueDisplay: 'Issue display token', issueIngest: 'Issue ingest key', revoke: 'Revoke', revoked: 'Revoked',
    secretOnce: 'Secret — shown only this once, store it now:', displayLink: 'Link for the display:', dismiss: 'Stored',
    allUnits: 'all', lastUsed: 'Last used', when: 'When', action: 'Action', actor: 'Actor', target: 'Target', ip: 'IP',
    forbidden: 'Only administrators may open this page.', back: 'Back to the dashboard', confirmRevoke: 'Revoke this token? Displays using it disconnect at once.',
    promptUnits: 'Unit codes, comma-separated:', kind: 'Kind', lastLogin: 'Last sign-in',
    slides: 'Slides, in order', period: 'Period', secondsPerSlide: 'Seconds per slide', unitSlide: 'Add a unit’s slide', procedureSlide: 'Add a procedure’s slide', add: 'Add', remove: 'Remove',
    noSlides: 'Choose at least one slide', noUsers: 'No users yet', noTokens: 'No tokens issued yet', noAudit: 'Nothing recorded yet',
    rejected: 'Rejected events', rejectedHelp: 'Events the source systems sent that were not accepted, newest first: who sent them, why, and what was sent.',
    source: 'Source', position: 'Position in batch', eventId: 'Event id', reason: 'Reason', content: 'Content', show: 'Show',
    older: 'Older', refresh: 'Refresh', noRejected: 'No event has been rejected', unknownSource: 'unknown',
    procedures: 'Administrative procedures', proceduresHelp: 'The legal processing time, in working days: dossiers received from now on whose source sends no due date get one from it (when the city cuts a processing time, change it here); dossiers already received keep theirs.',
    search: 'Search by code, name or field', code: 'Code', procedureName: 'Procedure', field: 'Field', level: 'Level', days: 'Processing time (working days)', online: 'Online service',
    save: 'Save', addProcedure: 'Add procedure', noProcedures: 'No procedure matches', loadingCatalog: 'Loading the catalog…', moreProcedures: 'and {n} more: search to narrow down',
    level_department: 'Province', level_district: 'District', level_commune: 'Commune',
    online_full: 'Full', online_partial: 'Partial', online_none: 'Information only',
    holidays: 'Holiday calendar', year: 'Year', date: 'Date', holidayName: 'Holiday', addHoliday: 'Add holiday', noHolidays: 'No holidays in this year yet',
    holidaysHelp: 'Working days are Monday to Friday, less the holidays below (lunar holidays move every year: enter next year’s once they are announced). Dossiers received from now on whose source sends no due date get one from this calendar; dossiers already received keep theirs.',
  },
} as const;

export type AdminTextKey = keyof (typeof ADMIN_TEXT)['vi'];
export type AdminTranslate = (key: AdminTextKey) => string;

/** Roles of accounts and tokens by name, as the page shows them (the code stays in the tooltip). */
export const ROLE_NAMES: Record<'vi' | 'en', Record<Role, string>> = {
  vi: { admin: 'Quản trị viên', leader: 'Lãnh đạo', unit_head: 'Thủ trưởng đơn vị', presenter: 'Người trình bày', display: 'Màn hình', ingest: 'Tích hợp dữ liệu' },
  en: { admin: 'Administrator', leader: 'Leader', unit_head: 'Unit head', presenter: 'Presenter', display: 'Display', ingest: 'Data integration' },
};

/** What the audit log records, by name. */
export const AUDIT_ACTION_NAMES: Record<'vi' | 'en', Record<AuditAction, string>> = {
  vi: {
    'login.succeeded': 'Đăng nhập', 'login.failed': 'Đăng nhập thất bại', logout: 'Đăng xuất',
    'user.created': 'Tạo người dùng', 'user.disabled': 'Khóa người dùng', 'user.enabled': 'Mở khóa người dùng',
    'user.units_assigned': 'Gán đơn vị', 'user.role_changed': 'Đổi vai trò', 'user.password_changed': 'Đổi mật khẩu',
    'token.issued': 'Cấp mã', 'token.revoked': 'Thu hồi mã', 'api.write': 'Thay đổi qua API',
  },
  en: {
    'login.succeeded': 'Signed in', 'login.failed': 'Sign-in failed', logout: 'Signed out',
    'user.created': 'User created', 'user.disabled': 'User disabled', 'user.enabled': 'User enabled',
    'user.units_assigned': 'Units assigned', 'user.role_changed': 'Role changed', 'user.password_changed': 'Password changed',
    'token.issued': 'Token issued', 'token.revoked': 'Token revoked', 'api.write': 'Change through the API',
  },
};
