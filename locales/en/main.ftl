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

# serve: pages that follow in the background after a change
serve-following = { $pages } pages that only show a changed list follow in the background
serve-followed = Background pass done: { $pages } pages rendered in { $ms } ms
