# Thông điệp của tuyenvan bằng tiếng Việt. Mỗi id phải có cả trong locales/en/main.ftl.
# Từ ngữ biên tập viên dùng: bài viết, trang tĩnh, chuyên mục, tác giả, thẻ, ảnh, chú thích ảnh,
# phần đầu bài, bản nháp, hẹn giờ đăng, đường dẫn, trang chủ.

## Nhãn của thông báo lỗi

label-error = lỗi
label-warning = cảnh báo
label-help = gợi ý
label-note = ghi chú
count-errors = { $count } lỗi
count-warnings = { $count } cảnh báo
count-none = không có lỗi nào

## build, check, new

held-draft = bản nháp (đăng bằng --drafts)
held-scheduled = hẹn giờ đăng (đăng ngay bằng --future)
held-back = chưa đăng: { $file } ({ $date }), { $why }: { $title }
build-summary = Đã dựng { $articles } bài viết, { $pages } trang tĩnh, { $files } tệp ({ $written } ghi mới, { $unchanged } không đổi, { $removed } xóa bỏ), { $held } bài chưa đăng ({ $drafts } bản nháp, { $scheduled } hẹn giờ đăng) trong { $ms } ms
photos-summary = Ảnh: { $photos } ({ $processed } xử lý mới, { $cached } lấy từ bộ nhớ đệm), { $copies } bản thu nhỏ
build-failed = Trang web chưa được dựng; bản đã dựng trước đó vẫn giữ nguyên.
check-clean = Đã kiểm tra { $articles } bài viết và { $pages } trang tĩnh: không có lỗi nào

## Thanh tiến độ

stage-reading = đọc tệp
stage-parsing = đọc bài
stage-photos = ảnh
stage-rendering = dựng trang
stage-writing = ghi tệp

## Gộp các cách viết của một tên

term-kind-category = chuyên mục
term-kind-author = tác giả
term-kind-tag = thẻ
term-no-letters = tên { $kind } `{ $name }` không có chữ cái hay chữ số nào
term-no-letters-help = đặt một tên có chữ
term-spelling = `{ $name }` ({ $count } bài, ví dụ { $file })
term-spellings = { $kind } `{ $shown }` được viết là: { $spellings }
term-spellings-help = trang web hiển thị `{ $shown }`, cách viết được nhiều bài dùng nhất (bằng nhau thì lấy cách của bài mới nhất); nên sửa các bài còn lại cho thống nhất
term-profile-help = site.yaml có hồ sơ tác giả `{ $profile }`: tên này được viết như vậy ở mọi nơi; nên sửa các bài còn lại cho giống

## serve

serve-built = Đã dựng { $files } tệp trong { $ms } ms (gồm cả bản nháp và bài hẹn giờ đăng).
serve-serving = Xem trước tại { $url } (bấm Ctrl-C để dừng)
serve-port-taken = Cổng { $asked } đang bận; dùng cổng { $port }.
serve-cannot-listen = không mở được cổng { $address } (và { $tries } cổng kế tiếp): { $error }
serve-kept = Trang xem trước vẫn là bản dựng tốt gần nhất; hãy sửa tệp rồi lưu lại.
serve-rebuilt = Đã dựng lại trong { $ms } ms: { $rendered } trang được dựng, { $changed } trang thay đổi
serve-no-watch = { $error }; các thay đổi sẽ không được cập nhật
serve-no-browser = không mở được trình duyệt ({ $command }: { $error }); hãy tự mở { $url }
serve-socket = không dùng được cổng đang lắng nghe: { $error }
serve-no-start = không khởi động được máy chủ xem trước: { $error }
serve-stopped = máy chủ xem trước đã dừng: { $error }
serve-no-site = không có tệp site.yaml
serve-get-only = chỉ nhận yêu cầu GET hoặc HEAD
serve-bad-path = đường dẫn không hợp lệ
watch-rescan = theo dõi tệp: { $error }; đọc lại toàn bộ trang web
watch-no-start = không theo dõi được các tệp: { $error }
watch-no-dir = không theo dõi được thư mục { $dir }: { $error }{ $hint }
watch-limit = đã chạm giới hạn số thư mục hệ thống cho phép theo dõi: nâng lên bằng `sudo sysctl fs.inotify.max_user_watches=524288`
overlay-title = tuyenvan: lỗi khi dựng trang (trang xem trước vẫn là bản dựng tốt gần nhất)

## Dòng lệnh (clap)

cli-about = Trình tạo trang tĩnh cho chuyên mục "Thông tin tuyên vận" của cổng thông tin điện tử tỉnh, huyện
cli-after-help =
    Ví dụ:
      tuyenvan new "Hội nghị tổng kết công tác dân vận" --category "Dân vận"
      tuyenvan check
      tuyenvan build

    Gõ `tuyenvan help <lệnh>` để xem các tùy chọn của một lệnh.
cli-usage = Cách dùng:
cli-heading-options = Tùy chọn
cli-heading-arguments = Đối số
cli-heading-commands = Lệnh
cli-placeholder-options = [TÙY_CHỌN]
cli-help-about = In hướng dẫn này, hoặc hướng dẫn của lệnh được nêu
cli-build-about = Dựng trang web vào thư mục public/ (dựng ở chỗ tạm rồi mới thay: lần dựng lỗi để nguyên bản cũ)
cli-build-after-help =
    Ví dụ:
      tuyenvan build
      tuyenvan build --root trang-web --output D:\www --base-url https://tinh.gov.vn/thong-tin-tuyen-van/
cli-new-about = Bắt đầu một bài viết mới: content/<năm>/<đường-dẫn>.md, phần đầu bài đã điền sẵn
cli-new-after-help =
    Ví dụ:
      tuyenvan new "Hội nghị tổng kết công tác dân vận năm 2026" --category "Dân vận" --author "Hồng Hải"
      tuyenvan new "Ra quân chiến dịch tình nguyện hè" --bundle   (một thư mục cho bài viết và ảnh của bài)
cli-check-about = Kiểm tra trang web mà không ghi gì ra: cấu hình, phần đầu bài, giao diện, mọi liên kết và ảnh trong trang, và các cảnh báo biên tập
cli-check-after-help =
    Mã thoát: 0 không có lỗi, 1 có lỗi (hoặc có cảnh báo, khi dùng --strict).

    Ví dụ:
      tuyenvan check
      tuyenvan check --root trang-web --strict
cli-serve-about = Xem trước trang web, tự tải lại khi lưu: dựng cả bản nháp và bài hẹn giờ đăng, phục vụ từ bộ nhớ (không đụng đến public/) và chỉ dựng lại những gì mỗi lần lưu làm thay đổi
cli-serve-after-help =
    Ví dụ:
      tuyenvan serve
      tuyenvan serve --root trang-web --port 8080 --open
cli-arg-root = Thư mục trang web, nơi có site.yaml và content/ (mặc định: thư mục đang đứng)
cli-arg-output = Thư mục kết quả (mặc định: <thư mục trang web>/public)
cli-arg-base_url = Dùng địa chỉ này thay cho base_url trong site.yaml
cli-arg-drafts = Đăng cả bản nháp
cli-arg-future = Đăng cả bài hẹn giờ đăng (ngày đăng còn ở tương lai)
cli-arg-title = Tiêu đề bài viết, đặt trong dấu ngoặc kép
cli-arg-categories = Chuyên mục; ghi nhiều lần để có nhiều chuyên mục
cli-arg-authors = Tác giả; ghi nhiều lần để có nhiều tác giả
cli-arg-bundle = Tạo content/<năm>/<đường-dẫn>/index.md: một thư mục cho bài viết và ảnh của bài
cli-arg-strict = Coi cả cảnh báo biên tập là lỗi
cli-arg-bind = Địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này xem được)
cli-arg-port = Cổng lắng nghe; nếu bận thì dùng cổng trống kế tiếp (0: cổng trống bất kỳ; mặc định: 1313)
cli-arg-open = Mở trang web trong trình duyệt mặc định
cli-arg-lang = Ngôn ngữ giao diện: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh)
cli-arg-help = In hướng dẫn này
cli-arg-version = In số phiên bản
cli-arg-subcommand = Lệnh cần xem hướng dẫn
cli-value-root = THƯ_MỤC
cli-value-output = THƯ_MỤC
cli-value-base_url = ĐỊA_CHỈ
cli-value-title = TIÊU_ĐỀ
cli-value-categories = CHUYÊN_MỤC
cli-value-authors = TÁC_GIẢ
cli-value-bind = ĐỊA_CHỈ
cli-value-port = CỔNG
cli-value-lang = NGÔN_NGỮ
cli-value-subcommand = LỆNH

## Lỗi dòng lệnh

clap-unknown-argument = không có tùy chọn `{ $arg }`
clap-unknown-command = không có lệnh `{ $arg }`
clap-invalid-value = giá trị `{ $value }` không dùng được cho `{ $arg }`
clap-possible-values = các giá trị dùng được: { $values }
clap-missing-argument = còn thiếu: { $arg }
clap-missing-command = chưa nêu lệnh nào
clap-missing-value = `{ $arg }` cần có một giá trị
clap-conflict = không dùng được `{ $arg }` cùng với `{ $value }`
clap-repeated = `{ $arg }` chỉ được ghi một lần
clap-extra = đối số thừa: `{ $arg }`
clap-other = dòng lệnh không hợp lệ
clap-did-you-mean = có phải ý bạn là `{ $value }`?
clap-more-help = Để xem hướng dẫn, gõ `{ $command } --help`.

## Commands added with import and init

cli-import-about = Nhập tài liệu Word (.docx) thành bài viết: mỗi tài liệu thành một thư mục content/<năm>/<đường-dẫn>/index.md với ảnh để bên cạnh; không bao giờ ghi đè
cli-import-after-help =
    Ví dụ:
      tuyenvan import "Bai hoi nghi.docx"
      tuyenvan import bai1.docx bai2.docx --category "Dân vận" --draft
      tuyenvan import bai.docx --author "Hồng Hải" --date "12/06/2023 08:30" --slug hoi-nghi-dan-van
cli-import-files = Tài liệu Word (.docx) cần nhập; ghi nhiều tệp để nhập nhiều bài
cli-import-category = Chuyên mục của bài
cli-import-author = Tác giả (thay cho tên ghi ở cuối tài liệu)
cli-import-date = Ngày đăng, viết như trong phần đầu bài (mặc định: bây giờ, theo múi giờ của trang)
cli-import-slug = Đường dẫn của bài (mặc định: làm từ tiêu đề); chỉ dùng khi nhập một tài liệu
cli-import-draft = Ghi bài ở dạng bản nháp (draft: true)
cli-value-files = TỆP.docx
cli-value-category = CHUYÊN_MỤC
cli-value-author = TÁC_GIẢ
cli-value-date = NGÀY
cli-value-slug = ĐƯỜNG_DẪN
cli-init-about = Tạo một trang web mới sẵn dùng: site.yaml có chú thích, một bài mẫu có ảnh và trang "Giới thiệu"; không ghi vào thư mục đã có site.yaml
cli-init-after-help =
    Ví dụ:
      tuyenvan init trang-tuyen-van
      tuyenvan init
cli-init-folder = Thư mục của trang mới (mặc định: thư mục đang đứng)
cli-value-folder = THƯ_MỤC

# serve: pages that follow in the background after a change
serve-following = { $pages } trang chỉ có danh sách thay đổi sẽ được dựng lại tiếp ở chế độ nền
serve-followed = Đã dựng xong ở chế độ nền: { $pages } trang trong { $ms } ms
