# tuyenvan's messages in English. Every id must also be in locales/vi/main.ftl.

## Diagnostic labels

label-error = error
label-warning = warning
label-help = help
label-note = note
count-errors = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
count-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
count-none = no problems found

## build, check, new

held-draft = draft (publish with --drafts)
held-scheduled = scheduled (publish now with --future)
held-back = held back: { $file } ({ $date }), { $why }: { $title }
build-summary = Built { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    }, { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }, { $files ->
        [one] 1 file
       *[other] { $files } files
    } ({ $written } written, { $unchanged } unchanged, { $removed } removed), { $held } held back ({ $drafts ->
        [one] 1 draft
       *[other] { $drafts } drafts
    }, { $scheduled } scheduled) in { $ms } ms
photos-summary = Photos: { $photos } ({ $processed } processed, { $cached } from the cache), { $copies } resized { $copies ->
        [one] copy
       *[other] copies
    }
build-failed = The site was not built; the previous output is unchanged.
check-clean = Checked { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    } and { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }: no problems found

## Progress bar

stage-reading = reading
stage-parsing = parsing
stage-photos = photos
stage-rendering = rendering
stage-writing = writing

## Spellings of one name

term-kind-category = category
term-kind-author = author
term-kind-tag = tag
term-no-letters = the { $kind } name `{ $name }` has no letters or digits
term-no-letters-help = give it a name with letters
term-spelling = `{ $name }` ({ $count ->
        [one] 1 article
       *[other] { $count } articles
    }, e.g. { $file })
term-spellings = the { $kind } `{ $shown }` is written as: { $spellings }
term-spellings-help = the site shows `{ $shown }`, the spelling most articles use (on a tie, the newest article's); change the others to match to tidy the archive
term-profile-help = site.yaml has a profile for `{ $profile }`: the name is written that way everywhere; change the others to match

## serve

serve-built = Built { $files ->
        [one] 1 file
       *[other] { $files } files
    } in { $ms } ms (drafts and scheduled articles included).
serve-serving = Serving at { $url } (Ctrl-C to stop)
serve-port-taken = Port { $asked } is in use; using port { $port } instead.
serve-cannot-listen = cannot listen on { $address } (nor the next { $tries } ports): { $error }
serve-kept = The last good pages are still served; fix the file and save it again.
serve-rebuilt = Rebuilt in { $ms } ms: { $rendered } rendered, { $changed } changed
serve-no-watch = { $error }; changes will not be picked up
serve-no-browser = cannot open a browser ({ $command }: { $error }); open { $url } yourself
serve-socket = cannot use the listening socket: { $error }
serve-no-start = cannot start the server: { $error }
serve-stopped = server stopped: { $error }
serve-no-site = no site.yaml
serve-get-only = GET or HEAD only
serve-bad-path = bad request path
watch-rescan = watch: { $error }; reading the whole site again
watch-no-start = cannot start watching files: { $error }
watch-no-dir = cannot watch { $dir }: { $error }{ $hint }
watch-limit = the system's limit of watched folders is reached: raise it with `sudo sysctl fs.inotify.max_user_watches=524288`
overlay-title = tuyenvan: the site could not be built (the last good pages are still served)

## Command line (clap)

cli-about = Static site generator for the "Thông tin tuyên vận" news section of Vietnamese provincial portals
cli-after-help =
    Examples:
      tuyenvan new "Hội nghị tổng kết công tác dân vận" --category "Dân vận"
      tuyenvan check
      tuyenvan build

    Run `tuyenvan help <command>` for a command's options.
cli-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-placeholder-options = [OPTIONS]
cli-help-about = Print this message or the help of the given command
cli-build-about = Build the site into public/ (staged: a failed build leaves the previous output alone)
cli-build-after-help =
    Examples:
      tuyenvan build
      tuyenvan build --root site --output /srv/www --base-url https://tinh.gov.vn/thong-tin-tuyen-van/
cli-new-about = Start a new article: content/<year>/<slug>.md with its front matter filled in
cli-new-after-help =
    Examples:
      tuyenvan new "Hội nghị tổng kết công tác dân vận năm 2026" --category "Dân vận" --author "Hồng Hải"
      tuyenvan new "Ra quân chiến dịch tình nguyện hè" --bundle   (a folder for the article and its photos)
cli-check-about = Check the site without writing anything: configuration, front matter, templates, every internal link and image, and editorial warnings
cli-check-after-help =
    Exit status: 0 clean, 1 errors (or warnings, with --strict).

    Examples:
      tuyenvan check
      tuyenvan check --root site --strict
cli-serve-about = Preview the site with live reload: builds drafts and scheduled articles too, serves from memory (public/ is not touched) and rebuilds what each saved file changes
cli-serve-after-help =
    Examples:
      tuyenvan serve
      tuyenvan serve --root site --port 8080 --open
cli-arg-root = Site folder holding site.yaml and content/ (default: the current folder)
cli-arg-output = Output folder (default: <root>/public)
cli-arg-base_url = Override base_url from site.yaml
cli-arg-drafts = Publish drafts too
cli-arg-future = Publish articles dated in the future too
cli-arg-title = Title of the article, in quotes
cli-arg-categories = Category (chuyên mục); repeat for several
cli-arg-authors = Author (tác giả); repeat for several
cli-arg-bundle = Write content/<year>/<slug>/index.md, a folder for the article and its photos
cli-arg-strict = Fail on editorial warnings too
cli-arg-bind = Address to listen on (default: 127.0.0.1, this machine only)
cli-arg-port = Port to listen on; if taken, the next free one is used (0: any free port; default: 1313)
cli-arg-open = Open the site in the default browser
cli-arg-lang = Interface language: vi (Vietnamese, the default) or en (English)
cli-arg-help = Print help
cli-arg-version = Print version
cli-arg-subcommand = The command to print the help of
cli-value-root = DIR
cli-value-output = DIR
cli-value-base_url = URL
cli-value-title = TITLE
cli-value-categories = C
cli-value-authors = A
cli-value-bind = ADDRESS
cli-value-port = PORT
cli-value-lang = LANG
cli-value-subcommand = COMMAND

## Command-line errors

clap-unknown-argument = unexpected argument `{ $arg }`
clap-unknown-command = unrecognized command `{ $arg }`
clap-invalid-value = invalid value `{ $value }` for `{ $arg }`
clap-possible-values = possible values: { $values }
clap-missing-argument = missing: { $arg }
clap-missing-command = no command given
clap-missing-value = `{ $arg }` needs a value
clap-conflict = `{ $arg }` cannot be used with `{ $value }`
clap-repeated = `{ $arg }` cannot be used more than once
clap-extra = unexpected argument `{ $arg }`
clap-other = invalid command line
clap-did-you-mean = did you mean `{ $value }`?
clap-more-help = For more information, try `{ $command } --help`.

## Commands added with import and init

cli-import-about = Import Word documents (.docx) as articles: each becomes a folder content/<year>/<slug>/index.md with its photos beside it; never overwrites
cli-import-after-help =
    Examples:
      tuyenvan import "Bai hoi nghi.docx"
      tuyenvan import bai1.docx bai2.docx --category "Dân vận" --draft
      tuyenvan import bai.docx --author "Hồng Hải" --date "12/06/2023 08:30" --slug hoi-nghi-dan-van
cli-import-files = Word documents (.docx) to import; name several to import several articles
cli-import-category = Category of the article
cli-import-author = Author (instead of the name at the end of the document)
cli-import-date = Publication date, written as in front matter (default: now, in the site's time zone)
cli-import-slug = The article's slug (default: made from the title); with one document only
cli-import-draft = Write the article as a draft (draft: true)
cli-value-files = FILE.docx
cli-value-category = CATEGORY
cli-value-author = AUTHOR
cli-value-date = DATE
cli-value-slug = SLUG
cli-init-about = Create a new site ready to use: a commented site.yaml, a sample article with a photo and an "About" page; never writes into a folder that has a site.yaml
cli-init-after-help =
    Examples:
      tuyenvan init trang-tuyen-van
      tuyenvan init
cli-init-folder = Folder of the new site (default: the current folder)
cli-value-folder = FOLDER

## Corrections, legal footer (issue 16: what a state portal must publish)

corrections-not-list = `corrections` must be a list of corrections, each with a `date` (when it was corrected) and a `text`
corrections-example =
    write it like this (one item per correction, starting with a dash):
    corrections:
      - date: 15/06/2023 09:00
        text: "Sửa tên xã Nà Khương (bản trước ghi nhầm là Nà Khuông)."
correction-not-map = correction { $number } must have two lines, `date:` and `text:`
correction-no-date = correction { $number } has no date (`date:`)
correction-no-text = correction { $number } has no text (`text:`)
correction-bad-date = the date of correction { $number } cannot be read: { $reason }
correction-date-help = day first; accepted formats: { $formats }
correction-unknown-key = correction { $number } has an unknown key `{ $key }`
correction-unknown-key-help = a correction has only `date` and `text`
publisher-missing = site.yaml does not name { $what } under `publisher`; every page must name the owning agency and the person responsible for the content in its footer
publisher-missing-owner = the owning agency (`owner`)
publisher-missing-responsible = the person responsible for the content (`responsible`)
publisher-missing-both = the owning agency (`owner`) and the person responsible for the content (`responsible`)
publisher-missing-help =
    add lines like these under `publisher:` in site.yaml (with your unit's names):
    publisher:
      owner: "Huyện ủy Phù Vân"
      responsible: "Đồng chí Nguyễn Văn A, Trưởng Ban Tuyên giáo và Dân vận Huyện ủy"
      license: "Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 15/3/2021"

## Directive documents (content/van-ban/)

doc-missing-number = the document has no number
doc-missing-number-help = add a line such as `number: 849-CV/TU` to the document's front matter
doc-missing-type = the document has no type
doc-missing-type-help = add a line such as `type: Công văn` (or Chỉ thị, Nghị quyết, Kế hoạch, Hướng dẫn, Quyết định, Quy định, Thông báo, Báo cáo…)
doc-missing-summary = the document has no summary (trích yếu)
doc-missing-summary-help = add a line such as `summary: "Về việc tuyên truyền kỷ niệm…"`
doc-missing-date = the document has no date of issue
doc-missing-date-help = add a line such as `date: 12/06/2023`; accepted formats: { $formats }
doc-number-no-letters = number `{ $number }` has no letters or digits
doc-number-no-letters-help = write the number as the document does, e.g. `number: 849-CV/TU`
doc-attachment-missing = attached file `{ $file }` not found (looked for { $path })
doc-attachment-missing-help = put the file in the document's folder, or correct its name in `files:` (upper and lower case count)
doc-duplicate-number = number `{ $number }` is already the number of document { $other }
doc-duplicate-number-help = one number per document: correct the number of one of the two, or delete the duplicate
doc-unknown-number = no document has the number `{ $number }`
doc-unknown-number-close = did you mean `{ $number }`?
doc-unknown-number-help = documents live in content/van-ban/; write the number as the document's `number:` does, e.g. `documents: [849-CV/TU]`

## Messages of every stage (issue 17, second half): front matter, YAML, dates, site.yaml, check, writing

did-you-mean = did you mean `{ $name }`?
yaml-not-mapping = expected lines of `key: value`
yaml-known-keys = known keys are: { $keys }
yaml-unknown-key = unknown key `{ $name }`
yaml-vietnamese-key = keys are written in English: `{ $key }` for `{ $name }`, e.g. { $example }
yaml-curly-quotes = curly quotes “ ” (or ‘ ’) are not the quotes YAML needs: to YAML they are letters, so the `: ` in the value breaks this line
yaml-curly-quotes-help = use straight double quotes " (Shift + '); the line corrected, ready to paste: { $line }
yaml-tab = this line has a tab (the Tab key, shown as →): front matter is indented with spaces only
yaml-tab-help = delete the tab and type two spaces instead: `{ $line }`
yaml-syntax = this is not valid YAML
yaml-colon-help = a value that contains `: ` must be put in double quotes: { $line }
yaml-colon-help-general = a value that contains `: ` must be put in double quotes: title: "Hội nghị: tổng kết"
yaml-duplicate-help = each key may appear only once
yaml-syntax-help = check the indentation and quotes on this line and the one before it
yaml-type-switch = { $key } takes `true` or `false`
yaml-type-switch-help = write `true` or `false`
yaml-type-list = { $key } takes a list
yaml-type-list-help = write a list: ["Một", "Hai"]
yaml-type-missing = { $key }: a required key is missing
yaml-this-key = this key
yaml-type-missing-help = add the missing key
yaml-type-other = the value of { $key } has the wrong type
yaml-type-other-help = check the value's type against the reference in README.md
date-not-in-zone = `{ $text }` does not exist in the time zone { $zone }
date-not-a-date = `{ $text }` is not a date
date-not-real = `{ $text }` is not a real date (day { $day }, month { $month }, year { $year })
date-not-a-time = `{ $text }` is not a time; write hours:minutes, e.g. 22:05
date-twelve-hour = `{ $text }` is not a time the site reads: write it on the 24-hour clock, without SA/CH (AM/PM), e.g. 08:30 (morning) or 20:30 (evening)
date-not-real-time = `{ $text }` is not a real time of day
date-formats = accepted formats: { $formats } (day first)
front-missing = the article has no front matter
front-missing-help = start the file with a line `---`, then `title: …` and `date: …`, then a line `---`
front-unclosed = the front matter is never closed
front-unclosed-help = add a line `---` after the last front matter key
front-no-title = the article has no title
front-no-title-help = add a line `title: "Tiêu đề bài viết"` to the front matter
front-no-date = the article has no date
front-no-date-help = add a line such as `date: 12/06/2023 08:30`; accepted formats: { $formats }
front-both = both `{ $one }` and `{ $many }` are given
front-both-help = keep one: `{ $one }: Tên` for one, or `{ $many }: ["Tên 1", "Tên 2"]` for several
front-extra = { $error }
front-extra-help = use text keys in extra
front-slug-empty = slug `{ $slug }` has no letters or digits
front-slug-empty-help = write the slug with letters a-z, digits and `-`, e.g. slug: hoi-nghi-tong-ket
front-alias = alias `{ $alias }` is not a path from the site root
front-alias-help = write old addresses as paths starting with /, e.g. /tin-tuc/bai-cu.html
front-text-or-list = a text or a list of texts
note-yaml = the YAML parser said: { $detail }
note-system = the system said: { $detail }
note-template = the template engine (Tera) said: { $detail }
output-io-help = check that the output folder is writable and the disk is not full
output-create-folder = cannot create folder
output-write = cannot write
output-copy = cannot copy
output-staging = cannot create a staging folder
output-aside = cannot move the previous output aside
output-into-place = cannot move the new output into place
output-dangerous = refusing to write the site here: this folder holds sources that the build would replace
output-dangerous-help = choose an output folder of its own, e.g. --output public
new-title-empty = the title `{ $title }` has no letters or digits to make an address from
new-title-empty-help = give a title such as: tuyenvan new "Hội nghị tổng kết công tác dân vận"
new-publish-note = the new article is a draft (draft: true): preview it with `tuyenvan serve`; when it is finished, change it to `draft: false` (or delete that line) and run `tuyenvan build` to publish
new-name-existing = { $kind } `{ $name }`: did you mean the existing `{ $existing }`? Using `{ $existing }`.
new-name-close = { $kind } `{ $name }` is new; did you mean the existing `{ $existing }`? Change it in the file if so.
new-exists-other-form = an article with this title already exists; nothing was written
new-exists = this file already exists; nothing was written
new-exists-help = edit the existing article, or give the new one another title
new-cannot-write = cannot write the new article
plan-duplicate = this would be published at { $address }, which { $file } already publishes
plan-duplicate-help = give one of them another `slug:` (or remove the duplicate alias or file)
config-no-title = title is empty
config-no-title-help = give the site a title
config-base-url = base_url `{ $url }` is not an absolute http(s) URL
config-base-url-help = write the full address the site is served from, e.g. https://tinh.gov.vn/thong-tin-tuyen-van/
config-timezone = unknown time zone `{ $name }`
config-timezone-help = use an IANA zone name such as Asia/Ho_Chi_Minh
config-paginate = paginate must be at least 1, not { $value }
config-paginate-help = the number of articles on each listing page, e.g. paginate: 20
config-permalink = permalink pattern `{ $value }` has no `:slug`
config-permalink-help = every pattern needs :slug so that two articles get different addresses
config-widths = images.widths must list widths from 16 to 8192 pixels, not { $value }
config-widths-help = e.g. widths: [480, 960, 1600]
config-quality = images.quality must be from 1 to 100, not { $value }
config-quality-help = 80 keeps photos sharp at a third of the bytes of 95
read-failed = cannot read this file
read-failed-help = check that no other program holds the file and that it may be read
load-config-not-utf8 = site.yaml is not UTF-8 text
load-not-utf8 = this file is not UTF-8 text
load-not-utf8-help = save it as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8))
load-no-config = no site.yaml in { $dir }
load-no-config-help = run tuyenvan in the site's folder, or give it with --root DIR; a site needs site.yaml with at least `title:` and `base_url:`
load-loop = this folder links back to one of its parents
load-walk-help = remove the link or fix the folder's permissions
load-no-theme = theme `{ $name }` not found: there is no folder { $dir }
load-no-theme-help = create the folder, or remove `theme:` to use the built-in default theme
theme-template-error = the template `{ $name }` has a mistake, so pages cannot be made with it
theme-template-error-unknown = a template has a mistake, so pages cannot be made with it
theme-template-help = see docs/THEME.md for the variables each template receives
theme-strings = strings.yaml must be lines of `key: text`
render-while = { $message } (while rendering { $page })
render-search-index = the search index is written from the search stage, not rendered
check-image-missing = image `{ $name }` is missing: nothing is published at { $address }
check-image-did-you-mean = did you mean `{ $name }`? (names must match letter for letter)
check-image-put = put the photo at { $file } (the name must match letter for letter, accents and case too)
check-link-broken = link to `{ $name }` leads nowhere: nothing is published at { $address }
check-link-md = link to the article's published address (e.g. /2023/06/ten-bai-viet/), not to its .md file
check-link-help = link to an address the site publishes, e.g. /2023/06/ten-bai-viet/; a draft or scheduled article is not published yet
check-doubled = doubled punctuation `{ $mark }`
check-doubled-help = keep one mark; for an ellipsis write three dots `...`
check-nbsp = a run of no-break spaces (pasted from a word processor)
check-nbsp-help = replace the run with one ordinary space; to indent or centre text, leave it to the theme
check-in-use = ; in use: { $names }
check-no-name = this article has no { $key } ({ $label })
check-no-name-help = add a line `{ $key }: Tên` to the front matter{ $in_use }
check-no-alt = this image has no alt text
check-no-alt-help = describe the photo between the brackets for readers who cannot see it: ![Quang cảnh hội nghị]({ $name })
check-featured-no-alt = the featured image has no alt text
check-featured-no-alt-help = add `image_alt: …` describing the photo (or an `image_caption: …`)
check-summary-long = the summary is { $count } characters long; keep it under { $limit }
check-summary-help = shorten `summary:` to one or two sentences: it is shown in every listing
check-summary-paragraph-help = the opening paragraph is used as the summary: shorten it, or write a shorter `summary:`
check-tone = `{ $word }` here, but `{ $spelling }` on line { $line }: the tone mark is placed two ways in this article
check-tone-help = write the word one way throughout, either `{ $spelling }` or `{ $word }` (e.g. always `Tỉnh ủy`, or always `Tỉnh uỷ`)
photo-unreadable = cannot be read: { $detail }
photo-empty = has no pixels
photo-broken = is damaged or not an image ({ $detail })
photo-resize = cannot be resized: { $detail }
photo-encode = cannot be encoded: { $detail }
photo-jpeg-too-large = is too large to save as JPEG: the copy is { $width } by { $height } pixels, and JPEG holds at most 65535 pixels each way
photo-cache-write = cannot write a copy to the cache folder { $dir }: { $detail }
photo-failed = image `{ $name }` ({ $file }) { $why }
photo-failed-help = open the photo in an image editor and save it again as JPEG, or remove it from the article
photo-cache-failed = image `{ $name }` ({ $file }): { $why }
photo-cache-failed-help = the photo is fine: the cache folder .tuyenvan-cache/ cannot be written (disk full, no write permission, or a file of the same name); delete .tuyenvan-cache/ and build again
photo-not-found = image `{ $name }` not found
photo-not-found-help = put the photo beside index.md in the article's folder (or under content/), or fix its name; names are case-sensitive
photo-unsupported = image `{ $name }` is not a JPEG, PNG, WebP, GIF or SVG file
photo-unsupported-help = save the photo as JPEG (.jpg); phones' HEIC photos and TIFF scans cannot be shown by every browser
content-empty-slug = the title gives an empty address
content-empty-slug-help = add `slug: ten-bai-viet` with letters a-z and digits
serve-no-config = the configuration has not been read
init-done = The new site is ready. Edit site.yaml (title, base_url), then preview it: tuyenvan serve --root { $dir }
label-notice = note
state-draft = draft
state-scheduled = scheduled for { $date }
check-held = { $state }: { $file } (checked as it will be published)
check-link-unpublished = the linked article is not published yet ({ $state }): publish it first, or remove the link
scheduled-will-fail = the article scheduled for { $date } will fail to publish: { $message }
scheduled-when-published = once the scheduled article is published: { $message }
scheduled-why = scheduled articles are checked from today, so that on their day they do not break the whole site
history-broken = the file of published addresses is damaged: each entry must be `source file:` with a list of addresses `- /duong/dan/`
history-broken-help = restore this file from the repository (git checkout dia-chi.yaml); tuyenvan writes it on every build
check-empty-body = the article has no text: everything below the `---` line is empty
check-empty-body-help = write the article's text below this `---` line (the first paragraph is the summary)
check-same-title = two articles with one title: this one and { $file }
check-same-title-help = give each article a title of its own; if one article was written twice, delete one file
check-no-brackets = `{ $key }:` has no square brackets, so it is one single item “{ $names }”
check-no-brackets-help = write the list in square brackets: { $line }
check-curly = the value of `{ $key }` is in curly quotes (“ ” or ‘ ’): they are not the quotes YAML needs, so they are kept as letters and show on the page
yaml-unknown-value = `{ $value }` is not one of the values this key takes
yaml-allowed-values = the values it takes: { $values }
cms-not-mapping = `cms:` must be lines of `key: value`
cms-not-mapping-help = for example:
    cms:
      backend: github
      repo: so-tttt/tuyen-van
cms-not-text = `cms.{ $key }` must be a text that is not empty
cms-not-text-help = write `{ $key }: …` on one line
cms-workflow = `cms.workflow` must be `true` or `false`
cms-workflow-help = `workflow: true` turns on the review workflow: draft, in review, ready
cms-secret = write no secret in site.yaml: the generated files are public; the OAuth application's secret belongs on the authentication server (see docs/CMS.md)
cms-unknown-key = unknown key `{ $name }` in `cms:`
cms-no-backend = `cms:` has no `backend`
cms-choose = choose one of: { $values }
cms-backend-unknown = `cms.backend` does not support `{ $value }`
cms-needs = `backend: { $backend }` needs `cms.{ $key }`
cms-example = e.g. { $example }
init-site-exists = this folder already holds a site (it has a site.yaml): tuyenvan init writes nothing into it
init-is-file = this is a file, not a folder
init-choose-folder = choose a new folder, e.g. tuyenvan init trang-moi
init-taken = tuyenvan init would create this but it already exists: nothing is overwritten
init-empty-folder = run it in an empty folder, e.g. tuyenvan init trang-moi
serve-empty-page = The page could not be built yet: see the errors in the command window.
cms-outside-content = the path `{ $path }` is not inside the content/ folder
cms-missing-param = `{ $key }` is missing
cms-cannot-write = cannot write { $path }: { $detail }
cms-not-base64 = the photo is not base64
cms-unknown-action = unknown action `{ $action }`
cms-local-only = only this computer may save articles
cms-no-settings = site.yaml has no cms: section (or it has a mistake)

## Word import (tuyenvan import)

import-slug-one = --slug can only be used when importing one document
import-slug-one-help = import the documents one at a time to give each its own address
import-no-author = no author line at the end of the document; add --author "Tên" or an author: line in index.md
import-no-category = the article has no category; add --category "Tên" or a category: line in index.md
import-date = the date `{ $text }` cannot be read: { $error }
import-date-help = write the date as 12/06/2026, 12/06/2026 08:30 or 2026-06-12
import-unreadable-result = the imported article does not read back: { $detail }
import-address-taken = the address { $address } belongs to { $file }; nothing was written
import-other-slug = give another address: --slug { $slug }
import-folder-exists = the folder { $dir } already exists; nothing is overwritten, nothing was written
import-cannot-write = cannot write { $dir }; nothing was written
import-repair = open the file in Word; if Word repairs it, save it as a new .docx and import that
import-legacy-doc = this is an old Word document (.doc), which cannot be imported
import-legacy-doc-help = open it in Word, choose File > Save As > Word Document (*.docx), then import the .docx
import-encrypted = the document is protected by a password and cannot be read
import-encrypted-help = open it in Word, remove the password (File > Info > Protect Document), save and import again
import-not-docx = this is not a Word document (.docx)
import-not-docx-help = only .docx files can be imported; open other files in Word and save them as .docx
import-damaged = the document is damaged ({ $detail })
import-missing-part = the document is damaged: the part { $part } is missing
import-nothing-written = { $message }; nothing was written
import-no-text = the document has no text; nothing was written
import-no-title = no title found: the first paragraph has no Title or Heading 1 style, is not bold, not centred and not larger than the body text; nothing was written
import-no-title-help = in Word, give the title the Title style (or make it bold), save and import again
import-kind-unknown = unknown
import-at-start = at the start of the article
import-after = after the paragraph “{ $text }”
import-skipped-picture = picture { $number } ({ $part }, { $kind } format) cannot be shown on the web and was skipped; it was { $place }. Save it as JPEG or PNG and add it to the article.
import-author-close = the author “{ $name }” is a new name; did you mean “{ $existing }”? If so, change it in index.md.
import-no-body = { $part }: no w:body
import-not-utf8 = { $part }: not UTF-8 text

## serve: pages that follow in the background after a change

serve-following = { $pages ->
    [one] { $pages } page that only shows a changed list follows in the background
   *[other] { $pages } pages that only show a changed list follow in the background
}
serve-followed = Background pass done: { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
} rendered in { $ms } ms
