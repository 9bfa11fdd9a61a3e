//! `jingqin serve`, the live embed server, through its HTTP: each route, the
//! same bytes as `jingqin plan`, ETags, CORS, oEmbed, problem details, a few
//! hundred random queries, the limits (waiting line, timeout, cache bounds)
//! and a graceful stop. The server runs in-process on a free loopback port;
//! the client is plain HTTP/1.1 over a socket. Built only with the `serve`
//! feature (tests/it/cli.rs tests the command's refusal without it).

use std::process::Command;

fn jingqin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jingqin"))
        .args(args)
        .output()
        .expect("jingqin runs")
}

mod live {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::process::{Command, Stdio};
    use std::thread;
    use std::time::{Duration, Instant};

    use jingqin::serve::{self, Config, Running};
    use serde_json::Value;

    use super::jingqin;

    fn start(config: Config) -> Running {
        let pack = jingqin::load::load_default().expect("the default pack loads");
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("an address");
        serve::spawn(addr, pack, config).expect("the server starts")
    }

    fn server() -> Running {
        start(Config::default())
    }

    /// An answer as read off the socket.
    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Reply {
        fn header(&self, name: &str) -> Option<&str> {
            (self.headers.iter())
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }

        fn text(&self) -> String {
            String::from_utf8(self.body.clone()).expect("the body is UTF-8")
        }

        fn json(&self) -> Value {
            serde_json::from_slice(&self.body).expect("the body is JSON")
        }

        /// The problem details of an error, checked for their form.
        fn problem(&self) -> Value {
            assert_eq!(
                self.header("content-type"),
                Some("application/problem+json"),
                "status {}",
                self.status
            );
            let problem = self.json();
            assert_eq!(problem["status"], self.status, "{problem}");
            for field in ["type", "title", "detail"] {
                assert!(problem[field].is_string(), "{field} in {problem}");
            }
            problem
        }
    }

    /// `method target` over a new connection, with `headers`.
    fn request(addr: SocketAddr, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
        let mut stream = TcpStream::connect(addr).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("a timeout");
        let mut head =
            format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .expect("the request is sent");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("the answer is read");
        parse(&raw, method == "HEAD")
    }

    fn get(addr: SocketAddr, target: &str) -> Reply {
        request(addr, "GET", target, &[])
    }

    /// An answer; to HEAD, one without a body whatever its length says.
    fn parse(raw: &[u8], head_only: bool) -> Reply {
        let end = (raw.windows(4).position(|w| w == b"\r\n\r\n")).expect("a complete head");
        let head = std::str::from_utf8(&raw[..end]).expect("an ASCII head");
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status = (status_line.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[end + 4..].to_vec();
        let length = (headers.iter())
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok());
        if head_only {
            assert!(body.is_empty(), "a body answered HEAD");
        } else if let Some(length) = length {
            assert!(body.len() >= length, "the body is cut short");
            body.truncate(length);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    const TRIP: &str = "product=qhd-2day&date=2027-07-16";

    #[test]
    fn plans_are_the_bytes_the_cli_writes() {
        let server = server();
        let formats = [
            ("fragment", "text/html; charset=utf-8"),
            ("json", "application/json"),
            ("ics", "text/calendar; charset=utf-8"),
            ("md", "text/markdown; charset=utf-8"),
            ("text", "text/plain; charset=utf-8"),
        ];
        for (format, content_type) in formats {
            let reply = get(
                server.addr(),
                &format!("/plan?{TRIP}&format={format}&lang=en"),
            );
            assert_eq!(reply.status, 200, "{format}: {}", reply.text());
            assert_eq!(reply.header("content-type"), Some(content_type), "{format}");
            let cli = jingqin(&[
                "plan",
                "--product",
                "qhd-2day",
                "--date",
                "2027-07-16",
                "--format",
                format,
                "--lang",
                "en",
            ]);
            assert!(cli.status.success());
            assert!(
                reply.body == cli.stdout,
                "{format}: the server's bytes differ from the CLI's"
            );
        }
        // The operator's sheet, by another name for the same product.
        let reply = get(
            server.addr(),
            &format!("/plan?{TRIP}&for=operator&format=text"),
        );
        let cli = jingqin(&[
            "plan",
            "--product",
            "qhd-2day",
            "--date",
            "2027-07-16",
            "--for",
            "operator",
        ]);
        assert_eq!(reply.text(), String::from_utf8_lossy(&cli.stdout));
    }

    #[test]
    fn etag_answers_304_and_the_cache_answers_again() {
        let server = server();
        let target = format!("/plan?{TRIP}&format=json");
        let first = get(server.addr(), &target);
        assert_eq!(first.status, 200);
        assert_eq!(first.header("x-cache"), Some("miss"));
        let etag = first.header("etag").expect("an ETag").to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        let cache_control = first.header("cache-control").unwrap_or_default();
        assert!(
            cache_control.starts_with("public, max-age="),
            "{cache_control}"
        );

        // The same request, its parameters reordered: the same plan, from the cache.
        let again = get(
            server.addr(),
            "/plan?format=json&date=2027-07-16&product=qhd-2day",
        );
        assert_eq!(again.header("x-cache"), Some("hit"));
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert!(again.body == first.body);

        let not_modified = request(server.addr(), "GET", &target, &[("If-None-Match", &etag)]);
        assert_eq!(not_modified.status, 304);
        assert!(not_modified.body.is_empty());
        assert_eq!(not_modified.header("etag"), Some(etag.as_str()));
        assert_eq!(not_modified.header("cache-control"), Some(cache_control));

        let listed = format!("\"other\", W/{etag}");
        let weak = request(server.addr(), "GET", &target, &[("If-None-Match", &listed)]);
        assert_eq!(weak.status, 304);
        let stale = request(
            server.addr(),
            "GET",
            &target,
            &[("If-None-Match", "\"stale\"")],
        );
        assert_eq!(stale.status, 200);

        let head = request(server.addr(), "HEAD", &target, &[]);
        assert_eq!(head.status, 200);
        assert_eq!(head.header("etag"), Some(etag.as_str()));
    }

    #[test]
    fn cors_on_every_answer_and_preflight() {
        let server = server();
        for target in [
            &format!("/plan?{TRIP}&format=json") as &str,
            "/products",
            "/nowhere",
            "/plan?days=0",
        ] {
            let reply = request(
                server.addr(),
                "GET",
                target,
                &[("Origin", "https://blog.example")],
            );
            assert_eq!(
                reply.header("access-control-allow-origin"),
                Some("*"),
                "{target}"
            );
        }
        let preflight = request(
            server.addr(),
            "OPTIONS",
            "/plan?days=2",
            &[
                ("Origin", "https://blog.example"),
                ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "if-none-match"),
            ],
        );
        assert_eq!(preflight.status, 204);
        assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
        let methods = preflight
            .header("access-control-allow-methods")
            .unwrap_or_default();
        assert!(methods.contains("GET"), "{methods}");
        assert_eq!(
            preflight.header("access-control-allow-headers"),
            Some("if-none-match")
        );
        assert!(preflight.header("access-control-max-age").is_some());
        let exposed = preflight
            .header("access-control-expose-headers")
            .unwrap_or_default();
        assert!(exposed.contains("ETag"), "{exposed}");
    }

    #[test]
    fn products_and_health() {
        let server = server();
        let products = get(server.addr(), "/products");
        assert_eq!(products.status, 200);
        assert_eq!(products.header("content-type"), Some("application/json"));
        let cli = jingqin(&["products", "--format", "json"]);
        assert!(products.body == cli.stdout);
        let ids: Vec<Value> = (products
            .json()
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter())
        .map(|p| p["id"].clone())
        .collect();
        assert!(ids.contains(&Value::from("qhd-2day")), "{ids:?}");
        let etag = products.header("etag").expect("an ETag").to_owned();
        let again = request(
            server.addr(),
            "GET",
            "/products",
            &[("If-None-Match", &etag)],
        );
        assert_eq!(again.status, 304);

        let health = get(server.addr(), "/health");
        assert_eq!(health.status, 200);
        let health = health.json();
        assert_eq!(health["status"], "ok");
        assert_eq!(health["pack"], "beijing-qinhuangdao");
    }

    /// `&amp;` and the like back to text, enough for the attributes written.
    fn unescape(text: &str) -> String {
        (text.replace("&quot;", "\"").replace("&#39;", "'"))
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    fn encode(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    #[test]
    fn behind_a_proxy_every_link_names_the_public_address() {
        let public = "https://plans.example.com";
        let server = start(Config {
            base_url: Some(serve::base_url(&format!("{public}/")).expect("an origin")),
            ..Config::default()
        });
        let addr = server.addr();
        let page = get(addr, &format!("/plan?{TRIP}&lang=en")).text();
        let oembed_link = format!(
            "href=\"{public}/oembed?url={}",
            encode(&format!("{public}/plan?"))
        );
        assert!(
            page.contains(&oembed_link),
            "the discovery link: {}",
            &page[..page.find("</head>").unwrap_or(0)]
        );
        assert!(!page.contains(&addr.to_string()), "no loopback address");

        // The public URL, as a CMS copies it from the address bar.
        let url = encode(&format!("{public}/plan?{TRIP}"));
        let answer = get(addr, &format!("/oembed?url={url}"));
        assert_eq!(answer.status, 200, "{}", answer.text());
        let frame = answer.json()["html"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            frame.starts_with(&format!("<iframe src=\"{public}/plan?")),
            "{frame}"
        );

        for bad in [
            "plans.example.com",
            "https://plans.example.com/trips",
            "ftp://x",
        ] {
            assert!(serve::base_url(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn html_pages_are_discoverable_and_oembed_answers() {
        let server = server();
        let addr = server.addr();
        let page = get(addr, &format!("/plan?{TRIP}&lang=en"));
        assert_eq!(page.status, 200);
        assert_eq!(
            page.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        let html = page.text();
        let head = &html[..html.find("</head>").expect("a head")];
        let link = (head.find("<link rel=\"alternate\" type=\"application/json+oembed\""))
            .map(|at| &head[at..])
            .and_then(|link| link.split_once('>'))
            .map(|(link, _)| link)
            .expect("the oEmbed discovery link in <head>");
        assert!(
            head.find("<head>") < head.find(link),
            "the link is inside <head>"
        );
        let href = (link.split("href=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(unescape)
            .expect("an href");
        let prefix = format!("http://{addr}/oembed?url=");
        assert!(
            href.starts_with(&prefix) && href.ends_with("&format=json"),
            "{href}"
        );
        assert!(
            link.contains("title=\"Beidaihe &amp; Shanhaiguan"),
            "{link}"
        );

        // Following the link, as a consumer does.
        let oembed = get(addr, &href[format!("http://{addr}").len()..]);
        assert_eq!(oembed.status, 200, "{}", oembed.text());
        assert_eq!(oembed.header("content-type"), Some("application/json"));
        let answer = oembed.json();
        assert_eq!(answer["type"], "rich");
        assert_eq!(answer["version"], "1.0");
        assert_eq!(answer["provider_name"], "jingqin");
        assert!(
            answer["title"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Beidaihe & Shanhaiguan")
        );
        assert_eq!(answer["width"], 800);
        assert_eq!(answer["height"], 1000);
        let frame = answer["html"].as_str().unwrap_or_default();
        assert!(frame.starts_with("<iframe src=\""), "{frame}");
        let src = (frame.split("src=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(unescape)
            .expect("a src");
        assert_eq!(
            src,
            format!("http://{addr}/plan?product=qhd-2day&date=2027-07-16&lang=en&format=html")
        );
        // The frame's page is the page, made already.
        let framed = get(addr, &src[format!("http://{addr}").len()..]);
        assert_eq!(framed.header("x-cache"), Some("hit"));
        assert!(framed.body == page.body);

        let url = encode(&format!("http://{addr}/plan?{TRIP}&format=fragment"));
        let small = get(
            addr,
            &format!("/oembed?url={url}&maxwidth=400&maxheight=300"),
        );
        assert_eq!(
            (
                small.json()["width"].clone(),
                small.json()["height"].clone()
            ),
            (400.into(), 300.into())
        );

        let xml = get(addr, &format!("/oembed?url={url}&format=xml"));
        assert_eq!(xml.status, 501);
        xml.problem();
        let foreign = encode(&format!("http://example.com/plan?{TRIP}"));
        let elsewhere = get(addr, &format!("/oembed?url={foreign}"));
        assert_eq!(elsewhere.status, 404);
        elsewhere.problem();
        let other_path = encode(&format!("http://{addr}/products"));
        assert_eq!(get(addr, &format!("/oembed?url={other_path}")).status, 404);
        let bad_plan = encode(&format!("http://{addr}/plan?product=nope"));
        let no_plan = get(addr, &format!("/oembed?url={bad_plan}"));
        assert_eq!(no_plan.status, 404);
        let detail = no_plan.problem()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(detail.contains("product"), "{detail}");
        let missing = get(addr, "/oembed?format=json");
        assert_eq!(missing.status, 400);
        assert_eq!(missing.problem()["parameter"], "url");
        let bad_width = get(addr, &format!("/oembed?url={url}&maxwidth=wide"));
        assert_eq!(bad_width.problem()["parameter"], "maxwidth");
    }

    #[test]
    fn bad_input_is_a_problem_naming_the_parameter() {
        let server = server();
        let cases = [
            ("/plan?product=qhd-2day&date=2027-02-30", "date"),
            ("/plan?product=qhd-2day&date=tomorrow", "date"),
            ("/plan?product=qhd-9day", "product"),
            ("/plan?product=qhd-2day&party=kids%3D2", "party"),
            ("/plan?product=qhd-2day&party=adults%3D0", "party"),
            ("/plan?product=qhd-2day&format=pdf", "format"),
            ("/plan?days=9", "days"),
            ("/plan", "days"),
            ("/plan?days=2&must=nowhere", "must"),
            ("/plan?days=2&must=geziwo%403", "must"),
            ("/plan?days=2&must=geziwo&avoid=geziwo", "avoid"),
            ("/plan?days=2&from=shanghai", "from"),
            ("/plan?days=2&lodging=ritz", "lodging"),
            ("/plan?days=2&interests=beaches%3D2", "interests"),
            ("/plan?days=2&pace=slow", "pace"),
            ("/plan?days=2&lang=fr", "lang"),
            ("/plan?days=2&for=press", "for"),
            ("/plan?days=2&seed=-1", "seed"),
            ("/plan?days=2&colour=red", "colour"),
            ("/plan?days=2&days=3", "days"),
        ];
        for (target, parameter) in cases {
            let reply = get(server.addr(), target);
            assert_eq!(reply.status, 400, "{target}: {}", reply.text());
            let problem = reply.problem();
            assert_eq!(problem["parameter"], parameter, "{target}: {problem}");
            assert_eq!(problem["type"], "/problems/bad-parameter");
            assert_eq!(reply.header("cache-control"), Some("no-store"));
        }
        let long = format!("/plan?must={}", "a,".repeat(3000));
        assert_eq!(get(server.addr(), &long).status, 414);

        for target in ["/", "/plans", "/plan/x", "/problems/nonsense"] {
            let reply = get(server.addr(), target);
            assert_eq!(reply.status, 404, "{target}");
            reply.problem();
        }
        let post = request(server.addr(), "POST", "/plan", &[("Content-Length", "0")]);
        assert_eq!(post.status, 405);
        post.problem();
        // The problem types resolve.
        let doc = get(server.addr(), "/problems/bad-parameter");
        assert_eq!(doc.status, 200);
    }

    #[test]
    fn an_infeasible_plan_is_422_with_the_reason() {
        let server = server();
        // A day trip by chartered coach, within the driver's hours, cannot
        // fit these four must-sees.
        let target = "/plan?days=1&date=2027-07-16&party=adults%3D30&mode=charter&must=laolongtou,geziwo,zushan,tianmahu";
        // A program, asking for JSON, gets the problem's detail.
        let reply = get(server.addr(), &format!("{target}&format=json"));
        assert_eq!(reply.status, 422, "{}", reply.text());
        let problem = reply.problem();
        assert_eq!(problem["type"], "/problems/infeasible");
        let cli_args = [
            "plan",
            "--days",
            "1",
            "--date",
            "2027-07-16",
            "--party",
            "adults=30",
            "--mode",
            "charter",
            "--must",
            "laolongtou,geziwo,zushan,tianmahu",
        ];
        let cli = jingqin(&cli_args);
        assert_eq!(cli.status.code(), Some(1));
        let reason = problem["detail"].as_str().unwrap_or_default();
        assert!(
            String::from_utf8_lossy(&cli.stderr).contains(reason),
            "{reason}"
        );
        // Kept, as a plan is.
        let again = get(server.addr(), &format!("{target}&format=json"));
        assert_eq!(again.header("x-cache"), Some("hit"));

        // A promoter's page or embed shows visitors why, in their language,
        // and not the operator's detail.
        for (format, start) in [("html", "<!DOCTYPE html>"), ("fragment", "<div")] {
            let reply = get(server.addr(), &format!("{target}&format={format}&lang=zh"));
            assert_eq!(reply.status, 422, "{format}");
            let content_type = reply.header("content-type").unwrap_or_default();
            assert!(content_type.starts_with("text/html"), "{content_type}");
            let html = reply.text();
            assert!(html.starts_with(start), "{html}");
            assert!(
                html.contains("该日期暂无行程") && html.contains("行程天数内排不下老龙头、祖山"),
                "{html}"
            );
            assert!(!html.contains(reason) && !html.contains("driver"), "{html}");
        }
    }

    /// A small deterministic generator (xorshift64*).
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            let n = items.len() as u64;
            items[usize::try_from(self.next() % n).unwrap_or_default()]
        }
    }

    #[test]
    fn random_queries_never_fail_the_server() {
        let server = start(Config {
            // Every query is answered: none is shed for want of a worker.
            queue: 1024,
            timeout: Duration::from_secs(120),
            ..Config::default()
        });
        let values: &[(&str, &[&str])] = &[
            (
                "product",
                &[
                    "qhd-1day",
                    "qhd-2day",
                    "qhd-3day",
                    "qhd-4day",
                    "",
                    "..%2F..",
                    "%E5%8C%97",
                ],
            ),
            (
                "days",
                &["1", "2", "3", "7", "0", "8", "255", "-1", "1e3", "two"],
            ),
            (
                "date",
                &[
                    "2027-07-16",
                    "2027-01-01",
                    "2026-12-31",
                    "2027-10-01",
                    "1900-01-01",
                    "9999-12-31",
                    "2027-02-29",
                    "2027-7-1",
                    "",
                    "%00",
                ],
            ),
            (
                "from",
                &[
                    "bj_station",
                    "bj_south",
                    "bj_bawangfen",
                    "qhd_station",
                    "北京站",
                    "nowhere",
                ],
            ),
            ("meet", &["bj_station", "x"]),
            (
                "mode",
                &["rail", "coach", "car", "charter", "plane", "RAIL"],
            ),
            (
                "party",
                &[
                    "adults%3D2",
                    "adults%3D1%2Cchildren%3D2",
                    "adults%3D30%2Cseniors%3D8",
                    "adults%3D60%2Cchildren%3D60%2Cseniors%3D60",
                    "adults%3D0",
                    "children%3D1",
                    "adults%3D61",
                    "adults%3D2%3Bkids%3D1",
                    "%3D",
                ],
            ),
            (
                "interests",
                &[
                    "culture%3D2",
                    "nature%3D0",
                    "food%3D10%2Cart%3D0.5",
                    "culture%3DNaN",
                    "culture%3Dinf",
                    "all%3D1",
                ],
            ),
            (
                "must",
                &[
                    "geziwo",
                    "geziwo%401",
                    "geziwo%409",
                    "laolongtou%2Cgeziwo%402",
                    "nosuch",
                    "%40",
                    "%E9%B8%BD%E5%AD%90%E7%AA%9D",
                    "",
                ],
            ),
            ("avoid", &["xinao", "geziwo", "nosuch", ""]),
            ("pace", &["relaxed", "standard", "packed", "fast"]),
            (
                "lodging",
                &[
                    "friendship_hotel",
                    "bdh_sanatorium",
                    "shg_oldtown_hotel",
                    "ritz",
                ],
            ),
            (
                "seed",
                &[
                    "0",
                    "1",
                    "18446744073709551615",
                    "18446744073709551616",
                    "-5",
                ],
            ),
            ("lang", &["zh", "en", "both", "fr"]),
            ("for", &["customer", "guide", "operator", "press"]),
            (
                "format",
                &["html", "fragment", "json", "ics", "md", "text", "pdf"],
            ),
            ("colour", &["red"]),
            ("%FF%FE", &["%FF"]),
            ("", &[""]),
        ];
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let mut counts = std::collections::BTreeMap::<u16, usize>::new();
        for _ in 0..300 {
            let mut parts = Vec::new();
            // Mostly plausible requests, a day count or product first.
            if !random.next().is_multiple_of(4) {
                parts.push(format!(
                    "product={}",
                    random.pick(&["qhd-1day", "qhd-2day", "qhd-3day"])
                ));
                parts.push(format!(
                    "date=2027-0{}-1{}",
                    1 + random.next() % 9,
                    random.next() % 10
                ));
            }
            for _ in 0..random.next() % 5 {
                let (name, choices) = values
                    [usize::try_from(random.next() % values.len() as u64).unwrap_or_default()];
                parts.push(format!("{name}={}", random.pick(choices)));
            }
            if random.next().is_multiple_of(10) {
                parts.push(
                    random
                        .pick(&["%", "%zz", "&&", "=", "a=b=c", "days", "%26days%3D1"])
                        .to_owned(),
                );
            }
            let target = format!("/plan?{}", parts.join("&"));
            let reply = get(server.addr(), &target);
            *counts.entry(reply.status).or_default() += 1;
            assert!(
                [200, 400, 414, 422].contains(&reply.status),
                "{target}: {} {}",
                reply.status,
                reply.text()
            );
            let page = reply.header("content-type") == Some("text/html; charset=utf-8");
            match reply.status {
                200 => {}
                // A page or an embed says why, for visitors.
                422 if page => {
                    let html = reply.text();
                    assert!(
                        html.contains("No trip on this date") || html.contains("该日期暂无行程"),
                        "{target}: {html}"
                    );
                }
                _ => {
                    reply.problem();
                }
            }
        }
        eprintln!("statuses of the random queries: {counts:?}");
        // The sweep proves something only when both plans and refusals came.
        let planned = counts.get(&200).copied().unwrap_or_default();
        let refused = counts.get(&400).copied().unwrap_or_default();
        assert!(planned >= 60 && refused >= 60, "{counts:?}");
    }

    /// Waits until `ready` holds, for at most `limit`.
    fn wait_until(limit: Duration, mut ready: impl FnMut() -> bool) {
        let start = Instant::now();
        while !ready() {
            assert!(start.elapsed() < limit, "waited {limit:?} in vain");
            thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn a_full_waiting_line_is_503_with_retry_after() {
        let server = start(Config {
            workers: 1,
            queue: 0,
            ..Config::default()
        });
        let addr = server.addr();
        let first = thread::spawn(move || get(addr, "/plan?days=3&date=2027-08-20&format=json"));
        wait_until(Duration::from_secs(10), || {
            get(addr, "/health").json()["planning"] == 1
        });
        let shed = get(addr, "/plan?days=3&date=2027-08-21&format=json");
        assert_eq!(shed.status, 503, "{}", shed.text());
        assert_eq!(shed.header("retry-after"), Some("1"));
        assert_eq!(shed.problem()["type"], "/problems/overloaded");
        // The same plan as the one being made waits for it instead.
        let joined = get(addr, "/plan?days=3&date=2027-08-20&format=json");
        assert_eq!(joined.status, 200);
        assert_eq!(first.join().map(|r| r.status).ok(), Some(200));
    }

    #[test]
    fn a_slow_plan_is_503_and_kept_when_ready() {
        let server = start(Config {
            timeout: Duration::from_millis(1),
            ..Config::default()
        });
        let target = "/plan?days=2&date=2027-09-10&format=md";
        let slow = get(server.addr(), target);
        assert_eq!(slow.status, 503, "{}", slow.text());
        assert_eq!(slow.problem()["type"], "/problems/timeout");
        assert!(slow.header("retry-after").is_some());
        wait_until(Duration::from_secs(30), || {
            get(server.addr(), "/health").json()["cached"]["entries"] == 1
        });
        let kept = get(server.addr(), target);
        assert_eq!((kept.status, kept.header("x-cache")), (200, Some("hit")));
    }

    #[test]
    fn a_silent_client_is_let_go_and_connections_past_the_cap_wait() {
        let server = start(Config {
            connections: 1,
            idle: Duration::from_millis(300),
            ..Config::default()
        });
        // A client that connects and says nothing holds the only connection…
        let mut silent = TcpStream::connect(server.addr()).expect("the server accepts");
        silent
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        let started = std::time::Instant::now();
        // …until it has been idle too long; then the next client is served.
        assert_eq!(get(server.addr(), "/health").status, 200);
        assert!(
            started.elapsed() >= Duration::from_millis(250),
            "served past the cap"
        );
        let mut rest = Vec::new();
        let closed = silent.read_to_end(&mut rest).map_or(true, |n| n == 0);
        assert!(closed, "the silent connection is closed");
    }

    #[test]
    fn the_cache_keeps_to_its_bounds() {
        let server = start(Config {
            cache_entries: 2,
            ..Config::default()
        });
        let target = |day: u32| format!("/plan?days=1&date=2027-06-0{day}&format=text");
        for day in 1..=3 {
            assert_eq!(
                get(server.addr(), &target(day)).header("x-cache"),
                Some("miss")
            );
        }
        let health = get(server.addr(), "/health").json();
        assert_eq!(health["cached"]["entries"], 2);
        assert_eq!(
            get(server.addr(), &target(3)).header("x-cache"),
            Some("hit")
        );
        assert_eq!(
            get(server.addr(), &target(1)).header("x-cache"),
            Some("miss")
        );
    }

    #[test]
    fn stopping_finishes_the_request_in_flight() {
        let server = server();
        let addr = server.addr();
        let in_flight =
            thread::spawn(move || get(addr, "/plan?days=3&date=2027-05-14&format=json"));
        wait_until(Duration::from_secs(10), || server.in_flight() == 1);
        server.stop().expect("the server stops cleanly");
        let reply = in_flight.join().expect("the request returns");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.json()["schema"], "jingqin/itinerary/v1");
        assert!(
            TcpStream::connect(addr).is_err(),
            "still accepting after the stop"
        );
    }

    #[test]
    fn the_command_serves_until_sigterm() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jingqin"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("jingqin serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("its standard output");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("a first line");
        let addr: SocketAddr = (line.trim().strip_prefix("listening on http://"))
            .and_then(|a| a.parse().ok())
            .expect("the address listened on");
        let health = get(addr, "/health");
        assert_eq!(health.status, 200);
        let killed = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let out = child.wait_with_output().expect("jingqin serve stops");
        assert_eq!(out.status.code(), Some(0));
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(
            log.contains("method=GET path=/health status=200"),
            "the access log: {log}"
        );
    }
}
