//! Taking a real archive as it is: repeated headlines, duplicates, legacy encodings, special
//! files, scrape noise, dates only in the path, errors that do not hold the rest back.
//! Every article here is invented.

use crate::{TestSite, stderr, stdout};

fn native(date: &str, headline: &str, body: &str) -> String {
    format!("date {date}\n{headline}\n\n{body}\n\nSource: Harbour Daily   Editor: Ana Ruiz\n")
}

fn check_json(site: &TestSite) -> serde_json::Value {
    let out = site.run(&["check", "--json"]);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)))
}

fn article<'a>(model: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    model["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == path)
        .unwrap_or_else(|| panic!("no article {path}"))
}

#[test]
fn the_same_headline_in_two_months_publishes_at_two_urls() {
    let site = TestSite::empty();
    let headline = "Alder and Birch strengthen cooperation";
    site.write(
        "content/2014/08/alder-and-birch-strengthen-cooperation.txt",
        native("2014-08-03", headline, "The ports met in 2014."),
    );
    site.write(
        "content/2018/07/alder-and-birch-strengthen-cooperation.txt",
        native("2018-07-21", headline, "The ports met again in 2018."),
    );
    let out = site.build(&[]);
    assert!(!stderr(&out).contains("content/"), "{}", stderr(&out));
    assert!(
        site.page("2014/08/alder-and-birch-strengthen-cooperation/index.html")
            .contains("met in 2014")
    );
    assert!(
        site.page("2018/07/alder-and-birch-strengthen-cooperation/index.html")
            .contains("met again in 2018")
    );
}

#[test]
fn the_same_slug_in_one_month_is_renamed_deterministically_with_a_warning() {
    let site = TestSite::empty();
    site.write(
        "content/a/ferry-talks.txt",
        native("2020-05-09", "Ferry talks", "Second story."),
    );
    site.write(
        "content/b/ferry-talks.txt",
        native("2020-05-02", "Ferry talks resume", "First story."),
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/a/ferry-talks.txt: warning: the URL 2020/05/ferry-talks/ is already content/b/ferry-talks.txt's; published at 2020/05/ferry-talks-2/ instead"),
        "{err}"
    );
    assert!(stdout(&out).contains("Warnings by kind: 1 renamed-url"));
    assert!(
        site.page("2020/05/ferry-talks/index.html")
            .contains("First story.")
    );
    assert!(
        site.page("2020/05/ferry-talks-2/index.html")
            .contains("Second story.")
    );
    let model = check_json(&site);
    assert_eq!(model["renamed"][0]["path"], "content/a/ferry-talks.txt");
    assert_eq!(model["renamed"][0]["url"], "2020/05/ferry-talks-2/");
    assert_eq!(model["renamed"][0]["taken_by"], "content/b/ferry-talks.txt");
    // --strict makes it an error.
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}

#[test]
fn a_story_scraped_twice_is_published_once_and_a_near_copy_is_reported() {
    let site = TestSite::empty();
    let body = "The Port of Alder and the Port of Birch signed a ferry pact on Monday. \
                The ferry will run twice a day from June, carrying cars, cargo and foot passengers \
                between the two harbours, officials of both ports said in a joint statement. \
                The crossing takes ninety minutes, half the time of the road through the hills, \
                and the first ship, built in the Birch yards, is being fitted out this spring. \
                Fares will be set by a joint board with three members from each port, which \
                will also plan the timetable, the berths, and a second ship for the summer \
                season if the first year goes as well as the two chambers of commerce expect. \
                Both city councils approved the plan last month after a public consultation.";
    site.write(
        "content/2021/03/pact.txt",
        native("2021-03-01", "Ports sign ferry pact", body),
    );
    site.write(
        "content/2021/03/x-pact-copy.txt",
        native("2021-03-01", "Ports sign ferry pact", body),
    );
    site.write(
        "content/2021/03/pact-updated.txt",
        native(
            "2021-03-01",
            "Ports sign ferry pact",
            &format!("{body} Tickets go on sale in May."),
        ),
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "content/2021/03/x-pact-copy.txt: warning: the same story as content/2021/03/pact.txt"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/2021/03/pact.txt: warning: nearly the same story as content/2021/03/pact-updated.txt"),
        "{err}"
    );
    assert!(!site.public().join("2021/03/x-pact-copy").exists());
    assert!(site.public().join("2021/03/pact-updated").exists());
    let model = check_json(&site);
    assert_eq!(
        model["duplicates"][0]["path"],
        "content/2021/03/x-pact-copy.txt"
    );
    assert_eq!(model["near_duplicates"].as_array().unwrap().len(), 1);
}

#[test]
fn gb18030_big5_and_windows_1252_files_build_with_a_warning_naming_the_encoding() {
    let site = TestSite::empty();
    let files = [
        (
            "content/2022/01/sh.txt",
            encoding_rs::GB18030,
            "上海与香港加强合作",
            "上海证券交易所与香港交易所周一签署合作协议，双方将在金融科技、绿色金融和人才培养等领域开展合作。",
            "GBK",
        ),
        (
            "content/2022/01/tw.txt",
            encoding_rs::BIG5,
            "台北與高雄簽署港口合作備忘錄",
            "台北港與高雄港週一簽署合作備忘錄，雙方將在航運、物流及人才培訓等方面加強交流與合作。",
            "Big5",
        ),
        (
            "content/2022/01/eu.txt",
            encoding_rs::WINDOWS_1252,
            "Zürich and Málaga sign a café pact",
            "The cities’ mayors met in Zürich on Monday – a “historic” day, said the délégation.",
            "windows-1252",
        ),
    ];
    for (path, encoding, headline, body, _) in files {
        let text = native("2022-01-10", headline, body);
        let (bytes, _, _) = encoding.encode(&text);
        site.write(path, bytes);
    }
    let out = site.build(&[]);
    let err = stderr(&out);
    for (path, _, headline, _, name) in files {
        assert!(
            err.contains(&format!("{path}: warning: not UTF-8: decoded as {name}")),
            "{err}"
        );
        let slug = path.rsplit('/').next().unwrap().trim_end_matches(".txt");
        assert!(
            site.page(&format!("2022/01/{slug}/index.html"))
                .contains(headline),
            "{path}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_an_article_is_skipped_without_opening_it() {
    let site = TestSite::empty();
    site.write(
        "content/2022/02/real.txt",
        native("2022-02-01", "Real story", "Text."),
    );
    let fifo = site.root().join("content/2022/02/x.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // A hang would be the bug: the run has a deadline.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("build hung on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("content/2022/02/x.txt: warning: a FIFO is not an article; skipped")
    );
    assert!(site.public().join("2022/02/real/index.html").is_file());
}

#[test]
fn keep_going_publishes_without_the_broken_articles() {
    let site = TestSite::empty();
    site.write(
        "content/2022/03/good.txt",
        native("2022-03-01", "Good story", "Text."),
    );
    site.write("content/2022/03/bad.txt", "date 2022-13-45\nBroken\n");
    let stopped = site.run(&["build"]);
    assert_eq!(stopped.status.code(), Some(1));
    assert!(!site.public().exists());
    let out = site.build(&["--keep-going"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "content/2022/03/bad.txt:1:1: warning: left out of the build: impossible date"
        ),
        "{err}"
    );
    assert!(stdout(&out).contains("1 file left out because of errors"));
    assert!(site.public().join("2022/03/good/index.html").is_file());
}

/// Three scraped articles: slug line, byline, dateline, credits, share buttons and related
/// links around the story; an "issued on behalf of" notice; a photo caption.
fn write_scraped_articles(site: &TestSite) {
    site.write(
        "content/2023/05/noisy.txt",
        "date 2023-05-05\n\
         Alder &amp; Birch open a joint office\n\
         \n\
         ALDER-BIRCH/OFFICE\n\
         \n\
         By Mara Ostrova\n\
         \n\
         ALDER, May 5 (Harbour Wire) -- The Alder Chamber of Commerce and the Birch Chamber of Commerce<br> opened a joint office on Friday.\n\
         (Photo: Harbour Wire)\n\
         \n\
         Share this: Facebook Twitter Email\n\
         \n\
         The office will advise companies from both cities&#8217; ports.\n\
         \n\
         Related:\n\
         Alder port grows\n\
         \n\
         Source: Harbour Wire   Editor: Ana Ruiz\n",
    );
    site.write(
        "content/2023/05/issued.txt",
        "date 2023-05-06\n\
         Birch port authority statement\n\
         \n\
         The following is issued on behalf of the Birch Port Authority:\n\
         \n\
         Maria Novak\n\
         \n\
         The Birch Port Authority welcomed the Alder delegation on Saturday.\n\
         \n\
         Source: Birch Port Authority\n",
    );
    site.write(
        "content/2023/05/caption.txt",
        "date 2023-05-07\n\
         Mayors meet in Alder\n\
         \n\
         The mayors of Alder and Birch met at the harbour on Sunday to open the new ferry line.\n\
         Mayor Ines Varga (L) shakes hands with Mayor Tomas Berg (R) at the harbour in Alder\n\
         \n\
         The line will run twice a day.\n\
         \n\
         Source: Harbour Daily\n",
    );
}

#[test]
fn scrape_noise_never_becomes_the_summary_and_the_byline_is_the_author() {
    let site = TestSite::empty();
    write_scraped_articles(&site);
    let model = check_json(&site);
    let noisy = article(&model, "content/2023/05/noisy.txt");
    assert_eq!(noisy["title"], "Alder & Birch open a joint office");
    assert_eq!(
        noisy["summary"],
        "The Alder Chamber of Commerce and the Birch Chamber of Commerce opened a joint office on Friday."
    );
    assert_eq!(noisy["author"], "Mara Ostrova");
    assert_eq!(noisy["dateline"], "Alder");
    let whys: Vec<&str> = noisy["cleanup"]["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["why"].as_str().unwrap())
        .collect();
    for why in [
        "slug line",
        "byline",
        "credit",
        "share buttons",
        "related links",
    ] {
        assert!(whys.contains(&why), "{why} in {whys:?}");
    }
    assert!(
        !noisy["cleanup"]["markup_lines"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let issued = article(&model, "content/2023/05/issued.txt");
    assert_eq!(
        issued["summary"],
        "The Birch Port Authority welcomed the Alder delegation on Saturday."
    );
    assert_eq!(issued["author"], "Maria Novak");
    let caption = article(&model, "content/2023/05/caption.txt");
    assert!(caption["caption"].as_str().unwrap().contains("(L)"));
    assert_eq!(
        caption["summary"],
        "The mayors of Alder and Birch met at the harbour on Sunday to open the new ferry line."
    );
    // The author is on the page and in the feed.
    site.build(&[]);
    assert!(
        site.page("2023/05/noisy/index.html")
            .contains("<dt>Author</dt><dd>Mara Ostrova</dd>")
    );
    assert!(
        site.page("feed.xml")
            .contains("<author><name>Mara Ostrova</name></author>")
    );
}

#[test]
fn a_date_only_in_the_path_is_taken_with_a_warning() {
    let site = TestSite::empty();
    site.write(
        "content/2023/10/20/ferry.txt",
        "Ferry line opens\n\nThe ferry opened.\n\nSource: S\n",
    );
    site.write(
        "content/posts/2019-04-02-bridge-opens.txt",
        "Bridge opens\n\nThe bridge opened.\n\nSource: S\n",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/2023/10/20/ferry.txt:1:1: warning: no date line: the date 2023-10-20 was taken from the file's path"),
        "{err}"
    );
    assert!(
        site.page("2023/10/ferry/index.html")
            .contains("Ferry line opens")
    );
    assert!(
        site.page("2019/04/bridge-opens/index.html")
            .contains("Bridge opens")
    );
    // Without a date in the path it stays an error naming the line.
    site.write("content/undated.txt", "Headline\n\nBody.\n");
    let failed = site.run(&["build"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        stderr(&failed).contains("content/undated.txt:1:1: error: the first line must be the date")
    );
}

#[test]
fn redirects_and_aliases_keep_old_addresses_working() {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://news.example.net/\"\n[redirects]\n\"/old/index.php\" = \"2023/01/ferry/\"\n",
    );
    site.write(
        "content/2023/01/ferry.txt",
        "+++\naliases = [\"/stories/1234.html\", \"/stories/ferry/\"]\n+++\ndate 2023-01-02\nFerry\n\nText.\n\nSource: S\n",
    );
    site.build(&[]);
    for old in [
        "old/index.php",
        "stories/1234.html",
        "stories/ferry/index.html",
    ] {
        let page = site.page(old);
        assert!(
            page.contains("content=\"0; url=https://news.example.net/2023/01/ferry/\""),
            "{old}: {page}"
        );
        assert!(page.contains("rel=\"canonical\""));
    }
}

#[test]
fn init_in_an_archive_adds_no_invented_article() {
    let site = TestSite::empty();
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    site.write(
        "content/2014/08/real.txt",
        native("2014-08-01", "A real story", "Text."),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["init", "--force"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let check = site.run(&["check"]);
    assert!(
        stdout(&check).contains("Checked 1 article: 0 errors"),
        "{}",
        stdout(&check)
    );
}
