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

## Đính chính, chân trang pháp lý (issue 16: những gì cổng thông tin phải công bố)

corrections-not-list = `corrections` phải là một danh sách đính chính, mỗi mục có `date` (ngày đính chính) và `text` (nội dung)
corrections-example =
    viết như sau (mỗi đính chính một mục, bắt đầu bằng dấu gạch ngang):
    corrections:
      - date: 15/06/2023 09:00
        text: "Sửa tên xã Nà Khương (bản trước ghi nhầm là Nà Khuông)."
correction-not-map = đính chính thứ { $number } phải có hai dòng `date:` và `text:`
correction-no-date = đính chính thứ { $number } thiếu ngày (`date:`)
correction-no-text = đính chính thứ { $number } thiếu nội dung (`text:`)
correction-bad-date = ngày của đính chính thứ { $number } không đọc được: { $reason }
correction-date-help = ngày trước, tháng sau; các cách viết được chấp nhận: { $formats }
correction-unknown-key = đính chính thứ { $number } có khóa lạ `{ $key }`
correction-unknown-key-help = mỗi đính chính chỉ có `date` (ngày) và `text` (nội dung)
publisher-missing = site.yaml chưa ghi { $what } ở mục `publisher`; trang web phải nêu rõ cơ quan chủ quản và người chịu trách nhiệm nội dung ở chân mọi trang
publisher-missing-owner = cơ quan chủ quản (`owner`)
publisher-missing-responsible = người chịu trách nhiệm nội dung (`responsible`)
publisher-missing-both = cơ quan chủ quản (`owner`) và người chịu trách nhiệm nội dung (`responsible`)
publisher-missing-help =
    thêm vào mục `publisher:` của site.yaml các dòng như sau (sửa cho đúng đơn vị):
    publisher:
      owner: "Huyện ủy Phù Vân"
      responsible: "Đồng chí Nguyễn Văn A, Trưởng Ban Tuyên giáo và Dân vận Huyện ủy"
      license: "Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 15/3/2021"

## Văn bản chỉ đạo (content/van-ban/)

doc-missing-number = văn bản chưa có số hiệu
doc-missing-number-help = thêm một dòng như `number: 849-CV/TU` vào phần đầu văn bản
doc-missing-type = văn bản chưa có loại
doc-missing-type-help = thêm một dòng như `type: Công văn` (hoặc Chỉ thị, Nghị quyết, Kế hoạch, Hướng dẫn, Quyết định, Quy định, Thông báo, Báo cáo…)
doc-missing-summary = văn bản chưa có trích yếu
doc-missing-summary-help = thêm một dòng như `summary: "Về việc tuyên truyền kỷ niệm…"`
doc-missing-date = văn bản chưa có ngày ban hành
doc-missing-date-help = thêm một dòng như `date: 12/06/2023`; các cách viết được nhận: { $formats }
doc-number-no-letters = số hiệu `{ $number }` không có chữ cái hay chữ số nào
doc-number-no-letters-help = viết số hiệu như trên văn bản, ví dụ `number: 849-CV/TU`
doc-attachment-missing = không có tệp đính kèm `{ $file }` (tìm ở { $path })
doc-attachment-missing-help = đặt tệp vào cùng thư mục với văn bản, hoặc sửa tên tệp trong `files:` cho đúng (kể cả chữ hoa, chữ thường)
doc-duplicate-number = số hiệu `{ $number }` đã dùng cho văn bản { $other }
doc-duplicate-number-help = mỗi văn bản một số hiệu: sửa số hiệu của một trong hai văn bản, hoặc xóa văn bản trùng
doc-unknown-number = không có văn bản nào số hiệu `{ $number }`
doc-unknown-number-close = có phải ý bạn là `{ $number }`?
doc-unknown-number-help = văn bản đặt trong thư mục content/van-ban/; ghi số hiệu đúng như trong `number:` của văn bản, ví dụ `documents: [849-CV/TU]`

## Thông điệp của từng bước dựng (issue 17, phần hai): phần đầu bài, YAML, ngày tháng, site.yaml, kiểm tra, ghi tệp

did-you-mean = có phải ý bạn là `{ $name }`?
yaml-not-mapping = ở đây cần các dòng dạng `khóa: giá trị`
yaml-known-keys = các khóa dùng được: { $keys }
yaml-unknown-key = không có khóa nào tên `{ $name }`
yaml-vietnamese-key = khóa viết bằng tiếng Anh: `{ $key }` thay cho `{ $name }`, ví dụ: { $example }
yaml-curly-quotes = dấu ngoặc kép cong “ ” (hoặc ‘ ’) không phải dấu ngoặc mà YAML cần: với YAML chúng chỉ là chữ, nên dấu `: ` ở giữa làm hỏng dòng này
yaml-curly-quotes-help = thay bằng dấu ngoặc kép thẳng " (phím Shift + '), dòng đã sửa để dán lại: { $line }
yaml-tab = dòng này có dấu tab (phím Tab, hiện thành →): phần đầu bài chỉ nhận dấu cách để thụt dòng
yaml-tab-help = xóa dấu tab rồi gõ hai dấu cách thay vào: `{ $line }`
yaml-syntax = phần đầu bài (YAML) viết sai ở đây, nên không đọc được
yaml-colon-help = giá trị có dấu `: ` ở giữa phải đặt trong dấu ngoặc kép thẳng: { $line }
yaml-colon-help-general = giá trị có dấu `: ` ở giữa phải đặt trong dấu ngoặc kép thẳng, ví dụ: title: "Hội nghị: tổng kết"
yaml-duplicate-help = mỗi khóa chỉ được viết một lần: xóa một trong hai dòng
yaml-syntax-help = xem lại dấu cách thụt đầu dòng và dấu ngoặc kép ở dòng này và dòng ngay trên
yaml-type-switch = { $key } chỉ nhận `true` (có) hoặc `false` (không)
yaml-type-switch-help = viết `true` hoặc `false`, ví dụ: draft: true
yaml-type-list = { $key } cần một danh sách
yaml-type-list-help = viết danh sách trong ngoặc vuông: ["Một", "Hai"]
yaml-type-missing = { $key }: còn thiếu một khóa bắt buộc
yaml-this-key = khóa này
yaml-type-missing-help = thêm khóa còn thiếu (xem ghi chú bên dưới)
yaml-type-other = giá trị của { $key } không đúng kiểu
yaml-type-other-help = xem kiểu giá trị của từng khóa trong README.md
date-not-in-zone = giờ `{ $text }` không có ở múi giờ { $zone } (giờ bị nhảy qua khi đổi giờ)
date-not-a-date = `{ $text }` không phải là một ngày
date-not-real = `{ $text }` không phải là một ngày có thật (ngày { $day }, tháng { $month }, năm { $year })
date-not-a-time = `{ $text }` không phải là giờ: viết giờ:phút, ví dụ 22:05
date-twelve-hour = giờ `{ $text }` không đọc được: viết giờ theo kiểu 24 giờ, không có SA/CH, ví dụ 08:30 (sáng) hoặc 20:30 (tối)
date-not-real-time = `{ $text }` không phải là một giờ có thật trong ngày
date-formats = các cách viết ngày dùng được: { $formats } (ngày trước, tháng sau)
front-missing = bài viết không có phần đầu bài
front-missing-help = mở đầu tệp bằng một dòng `---`, rồi `title: …` và `date: …`, rồi một dòng `---`
front-unclosed = phần đầu bài không có dòng `---` đóng lại
front-unclosed-help = thêm một dòng `---` sau khóa cuối cùng của phần đầu bài
front-no-title = bài viết chưa có tiêu đề
front-no-title-help = thêm vào phần đầu bài một dòng `title: "Tiêu đề bài viết"`
front-no-date = bài viết chưa có ngày đăng
front-no-date-help = thêm một dòng như `date: 12/06/2023 08:30`; các cách viết ngày dùng được: { $formats }
front-both = có cả `{ $one }` lẫn `{ $many }`
front-both-help = chỉ giữ một: `{ $one }: Tên` cho một tên, hoặc `{ $many }: ["Tên 1", "Tên 2"]` cho nhiều tên
front-extra = `extra` không đọc được: { $error }
front-extra-help = trong `extra`, tên khóa phải là chữ
front-slug-empty = đường dẫn `{ $slug }` không có chữ cái hay chữ số nào
front-slug-empty-help = viết đường dẫn bằng chữ a-z, chữ số và dấu `-`, ví dụ: slug: hoi-nghi-tong-ket
front-alias = địa chỉ cũ `{ $alias }` không phải một đường dẫn tính từ gốc trang web
front-alias-help = viết địa chỉ cũ bắt đầu bằng /, ví dụ: /tin-tuc/bai-cu.html
front-text-or-list = một đoạn chữ hoặc một danh sách
note-yaml = bộ đọc YAML báo: { $detail }
note-system = hệ thống báo: { $detail }
note-template = bộ dựng giao diện (Tera) báo: { $detail }
output-io-help = xem thư mục kết quả có được phép ghi không và ổ đĩa còn chỗ trống không
output-create-folder = không tạo được thư mục
output-write = không ghi được tệp
output-copy = không chép được tệp
output-staging = không tạo được thư mục tạm để dựng trang
output-aside = không dời được bản dựng cũ sang bên
output-into-place = không đưa được bản dựng mới vào chỗ
output-dangerous = không ghi trang web vào đây: thư mục này chứa tệp nguồn mà lần dựng sẽ thay mất
output-dangerous-help = chọn một thư mục kết quả riêng, ví dụ: --output public
new-title-empty = tiêu đề `{ $title }` không có chữ cái hay chữ số nào để làm đường dẫn
new-title-empty-help = đặt một tiêu đề có chữ, ví dụ: tuyenvan new "Hội nghị tổng kết công tác dân vận"
new-publish-note = bài viết mới là bản nháp (draft: true): xem trước bằng `tuyenvan serve`; khi bài đã xong, đổi thành `draft: false` (hoặc xoá dòng đó) rồi chạy `tuyenvan build` để đăng
new-name-existing = { $kind } `{ $name }`: có phải ý bạn là `{ $existing }` đã có? Dùng `{ $existing }`.
new-name-close = { $kind } `{ $name }` là tên mới; có phải ý bạn là `{ $existing }` đã có? Nếu đúng, hãy sửa lại trong tệp.
new-exists-other-form = đã có một bài viết cùng tiêu đề này; chưa ghi gì
new-exists = tệp này đã có; chưa ghi gì
new-exists-help = sửa bài viết đã có, hoặc đặt cho bài mới một tiêu đề khác
new-cannot-write = không ghi được bài viết mới
plan-duplicate = tệp này sẽ được đăng ở { $address }, nhưng { $file } đã đăng ở địa chỉ đó
plan-duplicate-help = đặt cho một trong hai bài một `slug:` khác (hoặc xóa địa chỉ cũ hay tệp bị trùng)
config-no-title = trang web chưa có tên (`title:` đang trống)
config-no-title-help = đặt tên cho trang web, ví dụ: title: "Thông tin tuyên vận"
config-base-url = base_url `{ $url }` không phải một địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://
config-base-url-help = viết đầy đủ địa chỉ trang web được đăng, ví dụ: base_url: https://tinh.gov.vn/thong-tin-tuyen-van/
config-timezone = không có múi giờ nào tên `{ $name }`
config-timezone-help = dùng tên múi giờ chuẩn IANA, ví dụ: timezone: Asia/Ho_Chi_Minh
config-paginate = paginate phải từ 1 trở lên, không phải { $value }
config-paginate-help = số bài viết trên mỗi trang danh sách, ví dụ: paginate: 20
config-permalink = mẫu đường dẫn `{ $value }` không có `:slug`
config-permalink-help = mỗi mẫu cần có :slug để hai bài viết có hai địa chỉ khác nhau
config-widths = images.widths phải là các chiều rộng từ 16 đến 8192 điểm ảnh, không phải { $value }
config-widths-help = ví dụ: widths: [480, 960, 1600]
config-quality = images.quality phải từ 1 đến 100, không phải { $value }
config-quality-help = 80 giữ ảnh sắc nét mà chỉ nặng bằng một phần ba so với 95
read-failed = không đọc được tệp này
read-failed-help = xem tệp có đang mở ở chương trình khác không và máy có cho phép đọc không
load-config-not-utf8 = tệp site.yaml không được lưu ở dạng chữ UTF-8
load-not-utf8 = tệp này không được lưu ở dạng chữ UTF-8
load-not-utf8-help = lưu lại tệp ở dạng UTF-8 (trong Word: Lưu thành > Văn bản thuần > Unicode (UTF-8))
load-no-config = không có tệp site.yaml trong { $dir }
load-no-config-help = chạy tuyenvan trong thư mục của trang web, hoặc chỉ ra thư mục đó bằng --root THƯ_MỤC; trang web cần tệp site.yaml có ít nhất `title:` và `base_url:`
load-loop = thư mục này trỏ ngược về một thư mục cha của nó
load-walk-help = xóa liên kết đó, hoặc sửa quyền đọc của thư mục
load-no-theme = không có giao diện `{ $name }`: không có thư mục { $dir }
load-no-theme-help = tạo thư mục đó, hoặc xóa dòng `theme:` để dùng giao diện mặc định có sẵn
theme-template-error = mẫu giao diện `{ $name }` có lỗi nên không dựng được trang
theme-template-error-unknown = một mẫu giao diện có lỗi nên không dựng được trang
theme-template-help = sửa mẫu ở dòng được chỉ ra; các biến mỗi mẫu nhận được có trong docs/THEME.md
theme-strings = strings.yaml phải gồm các dòng `khóa: chữ`
render-while = { $message } (khi dựng { $page })
render-search-index = chỉ mục tìm kiếm được ghi ở bước tìm kiếm, không dựng bằng mẫu
check-image-missing = thiếu ảnh `{ $name }`: không có gì được đăng ở { $address }
check-image-did-you-mean = có phải ý bạn là `{ $name }`? (tên phải giống từng chữ)
check-image-put = đặt ảnh vào { $file } (tên phải giống từng chữ, cả dấu lẫn chữ hoa, chữ thường)
check-link-broken = liên kết `{ $name }` không dẫn tới đâu: không có gì được đăng ở { $address }
check-link-md = liên kết tới địa chỉ đã đăng của bài (ví dụ /2023/06/ten-bai-viet/), không phải tới tệp .md của bài
check-link-help = liên kết tới một địa chỉ trang web có đăng, ví dụ /2023/06/ten-bai-viet/; bản nháp hay bài hẹn giờ đăng thì chưa được đăng
check-doubled = dấu câu bị lặp `{ $mark }`
check-doubled-help = chỉ giữ một dấu; dấu ba chấm thì viết ba dấu chấm `...`
check-nbsp = một dãy dấu cách không ngắt dòng (dán từ Word sang)
check-nbsp-help = thay cả dãy bằng một dấu cách thường; muốn thụt lề hay căn giữa thì để giao diện lo
check-in-use = ; các tên đang dùng: { $names }
check-no-name = bài viết chưa có { $label } (`{ $key }`)
check-no-name-help = thêm vào phần đầu bài một dòng `{ $key }: Tên`{ $in_use }
check-no-alt = ảnh này chưa có lời mô tả (alt)
check-no-alt-help = mô tả ảnh giữa hai dấu ngoặc vuông cho người không nhìn thấy ảnh: ![Quang cảnh hội nghị]({ $name })
check-featured-no-alt = ảnh đại diện chưa có lời mô tả (alt)
check-featured-no-alt-help = thêm `image_alt: …` mô tả ảnh (hoặc một dòng chú thích ảnh `image_caption: …`)
check-summary-long = sapo dài { $count } ký tự; nên ngắn hơn { $limit }
check-summary-help = rút `summary:` lại còn một hai câu: sapo hiện ở mọi trang danh sách
check-summary-paragraph-help = đoạn đầu tiên của bài được dùng làm sapo: rút ngắn đoạn đó, hoặc viết một `summary:` ngắn hơn
check-tone = ở đây viết `{ $word }`, nhưng dòng { $line } viết `{ $spelling }`: dấu thanh được đặt hai kiểu trong cùng bài
check-tone-help = viết thống nhất một kiểu trong cả bài, `{ $spelling }` hoặc `{ $word }` (ví dụ luôn `Tỉnh ủy`, hoặc luôn `Tỉnh uỷ`)
photo-unreadable = không đọc được (hệ thống báo: { $detail })
photo-empty = không có điểm ảnh nào
photo-broken = bị hỏng hoặc không phải là ảnh (bộ đọc ảnh báo: { $detail })
photo-resize = không thu nhỏ được (bộ xử lý ảnh báo: { $detail })
photo-encode = không lưu được bản thu nhỏ (bộ xử lý ảnh báo: { $detail })
photo-jpeg-too-large = quá lớn để lưu dạng JPEG: bản thu nhỏ rộng { $width } và cao { $height } điểm ảnh, JPEG chỉ chứa được tối đa 65535 điểm ảnh mỗi chiều
photo-cache-write = không ghi được bản sao vào thư mục đệm { $dir } (hệ thống báo: { $detail })
photo-failed = ảnh `{ $name }` ({ $file }) { $why }
photo-failed-help = mở ảnh bằng một chương trình sửa ảnh rồi lưu lại dạng JPEG, hoặc bỏ ảnh khỏi bài viết
photo-cache-failed = ảnh `{ $name }` ({ $file }): { $why }
photo-cache-failed-help = ảnh không có lỗi: thư mục đệm .tuyenvan-cache/ không ghi được (ổ đĩa đầy, thiếu quyền ghi, hoặc một tệp trùng tên); xoá thư mục .tuyenvan-cache/ rồi dựng lại
photo-not-found = không tìm thấy ảnh `{ $name }`
photo-not-found-help = đặt ảnh cạnh index.md trong thư mục của bài viết (hoặc trong content/), hoặc sửa lại tên ảnh; tên phải giống từng chữ, cả chữ hoa, chữ thường
photo-unsupported = ảnh `{ $name }` không phải tệp JPEG, PNG, WebP, GIF hay SVG
photo-unsupported-help = lưu ảnh ở dạng JPEG (.jpg); ảnh HEIC của điện thoại và ảnh quét TIFF không trình duyệt nào cũng hiện được
content-empty-slug = tiêu đề không cho ra đường dẫn nào (không có chữ cái hay chữ số)
content-empty-slug-help = thêm `slug: ten-bai-viet` viết bằng chữ a-z và chữ số
serve-no-config = chưa đọc được cấu hình site.yaml
init-done = Đã tạo trang mới. Sửa site.yaml (title, base_url), rồi xem trước: tuyenvan serve --root { $dir }
label-notice = lưu ý
state-draft = bản nháp
state-scheduled = hẹn giờ đăng { $date }
check-held = { $state }: { $file } (đã kiểm tra như khi được đăng)
check-link-unpublished = bài được dẫn tới chưa đăng ({ $state }): đăng nó trước, hoặc bỏ liên kết
scheduled-will-fail = bài hẹn giờ đăng { $date } sẽ không đăng được: { $message }
scheduled-when-published = khi bài hẹn giờ được đăng: { $message }
scheduled-why = bài hẹn giờ được kiểm tra ngay từ hôm nay, để đến ngày đăng nó không làm hỏng cả trang
history-broken = tệp địa chỉ đã đăng bị hỏng: mỗi dòng phải là `tệp nguồn:` với danh sách địa chỉ `- /duong/dan/`
history-broken-help = lấy lại tệp này từ kho (git checkout dia-chi.yaml); tuyenvan ghi nó mỗi lần build
check-empty-body = bài viết không có nội dung: phần dưới dòng `---` đang trống
check-empty-body-help = viết nội dung bài dưới dòng `---` này (đoạn đầu tiên là sapo)
check-same-title = hai bài cùng một tiêu đề: bài này và { $file }
check-same-title-help = đặt cho mỗi bài một tiêu đề riêng; nếu là một bài viết hai lần, xoá một tệp
check-no-brackets = `{ $key }:` không có ngoặc vuông nên là một mục duy nhất “{ $names }”
check-no-brackets-help = viết danh sách trong ngoặc vuông: { $line }
check-curly = giá trị của `{ $key }` nằm trong dấu ngoặc kép cong (“ ” hoặc ‘ ’): đó không phải dấu ngoặc mà YAML cần, nên chúng được giữ lại như chữ và hiện ra trên trang
yaml-unknown-value = giá trị `{ $value }` không dùng được ở đây
yaml-allowed-values = các giá trị dùng được: { $values }
cms-not-mapping = `cms:` phải là các dòng `khóa: giá trị`
cms-not-mapping-help = ví dụ:
    cms:
      backend: github
      repo: so-tttt/tuyen-van
cms-not-text = `cms.{ $key }` phải là một đoạn chữ không rỗng
cms-not-text-help = viết `{ $key }: …` trên một dòng
cms-workflow = `cms.workflow` phải là `true` hoặc `false`
cms-workflow-help = `workflow: true` bật quy trình duyệt bài: bản nháp, chờ duyệt, sẵn sàng
cms-secret = không ghi bí mật nào vào site.yaml: các tệp sinh ra được công bố cho mọi người; bí mật của ứng dụng OAuth nằm ở máy chủ xác thực (xem docs/CMS.md)
cms-unknown-key = khóa `{ $name }` không có trong `cms:`
cms-no-backend = `cms:` thiếu `backend`
cms-choose = chọn một trong: { $values }
cms-backend-unknown = `cms.backend` không hỗ trợ `{ $value }`
cms-needs = `backend: { $backend }` cần thêm `cms.{ $key }`
cms-example = ví dụ: { $example }
init-site-exists = thư mục này đã có một trang (có tệp site.yaml): tuyenvan init không ghi gì vào đó
init-is-file = đây là một tệp, không phải thư mục
init-choose-folder = chọn một thư mục mới, ví dụ: tuyenvan init trang-moi
init-taken = tuyenvan init sẽ tạo mục này nhưng nó đã có: không ghi đè
init-empty-folder = chạy trong một thư mục trống, ví dụ: tuyenvan init trang-moi
serve-empty-page = Trang chưa dựng được: xem lỗi trong cửa sổ dòng lệnh.
cms-outside-content = đường dẫn `{ $path }` không nằm trong thư mục content/
cms-missing-param = thiếu `{ $key }`
cms-cannot-write = không ghi được { $path } (hệ thống báo: { $detail })
cms-not-base64 = ảnh không ở dạng base64
cms-unknown-action = không có thao tác `{ $action }`
cms-local-only = chỉ máy này được lưu bài
cms-no-settings = site.yaml không có mục cms: (hoặc đang có lỗi)

## Nhập tài liệu Word (tuyenvan import)

import-slug-one = --slug chỉ dùng được khi nhập một tài liệu
import-slug-one-help = nhập từng tài liệu một khi cần đặt địa chỉ riêng
import-no-author = không thấy dòng tên tác giả ở cuối tài liệu; thêm --author "Tên" hoặc dòng author: trong index.md
import-no-category = bài chưa có chuyên mục; thêm --category "Tên" hoặc dòng category: trong index.md
import-date = ngày `{ $text }` không đọc được: { $error }
import-date-help = viết ngày như 12/06/2026, 12/06/2026 08:30 hoặc 2026-06-12
import-unreadable-result = bài nhập ra không đọc lại được: { $detail }
import-address-taken = địa chỉ { $address } đã thuộc bài { $file }; không ghi gì
import-other-slug = đặt địa chỉ khác: --slug { $slug }
import-folder-exists = thư mục { $dir } đã có; không ghi đè, không ghi gì
import-cannot-write = không ghi được { $dir }; không ghi gì
import-repair = mở tệp bằng Word; nếu Word sửa được, lưu thành tệp .docx mới rồi nhập lại
import-legacy-doc = đây là tài liệu Word cũ (.doc), không nhập được
import-legacy-doc-help = mở tệp bằng Word, chọn Tệp > Lưu thành > Tài liệu Word (*.docx), rồi nhập tệp .docx
import-encrypted = tài liệu được đặt mật khẩu, không đọc được
import-encrypted-help = mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu), lưu lại rồi nhập lại
import-not-docx = không phải tài liệu Word (.docx)
import-not-docx-help = chỉ nhập được tệp .docx; tệp khác hãy mở bằng Word và lưu thành .docx
import-damaged = tài liệu bị hỏng ({ $detail })
import-missing-part = tài liệu bị hỏng: thiếu phần { $part }
import-nothing-written = { $message }; không ghi gì
import-no-text = tài liệu không có chữ nào; không ghi gì
import-no-title = không tìm được tiêu đề: đoạn đầu không có kiểu Title hay Heading 1, không in đậm, không căn giữa, không to hơn chữ thân bài; không ghi gì
import-no-title-help = trong Word, đặt kiểu Title (Tiêu đề) hoặc in đậm dòng tiêu đề, lưu lại rồi nhập lại
import-kind-unknown = không rõ
import-at-start = ở đầu bài
import-after = sau đoạn “{ $text }”
import-skipped-picture = ảnh thứ { $number } ({ $part }, dạng { $kind }) không hiển thị được trên web nên đã bỏ qua; ảnh nằm { $place }. Hãy lưu ảnh đó thành JPEG hoặc PNG và thêm vào bài.
import-author-close = tác giả “{ $name }” là tên mới; có phải “{ $existing }”? Nếu phải, hãy sửa trong index.md.
import-no-body = { $part }: không có w:body
import-not-utf8 = { $part }: không phải chữ UTF-8

## serve: những trang dựng lại tiếp ở chế độ nền sau một thay đổi

serve-following = { $pages } trang chỉ có danh sách thay đổi sẽ được dựng lại tiếp ở chế độ nền
serve-followed = Đã dựng xong ở chế độ nền: { $pages } trang trong { $ms } ms
