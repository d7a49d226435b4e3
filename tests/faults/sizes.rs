//! Case 10: terminal sizes 0×0 through 20×10, rapid resizes of a real
//! terminal, and wide text (ZWJ emoji, CJK, combining marks) drawn by the App.

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use malverkstad::app::{App, At, Msg};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

use super::common::app::rows;
use super::common::keys::ctrl;
use super::driver::Driver;
use super::pty::{self, Pty};
use super::*;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧";
const CJK: &str = "漢字テキスト";
/// Decomposed: loading and typing compose it to "é".
const COMBINING: &str = "Cafe\u{301}";

fn draw(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| f.render_widget(app, f.area())).unwrap_or_else(|e| panic!("{w}×{h}: {e}"));
    let rows = rows(term.backend().buffer());
    for row in &rows {
        assert!(row.width() <= w as usize, "{w}×{h}: row wider than the terminal: {row:?}");
    }
    rows
}

/// A demo copy whose first group and first goal carry wide text.
fn wide_workshop() -> (tempfile::TempDir, PathBuf, Workshop) {
    let (tmp, root, mut w) = demo_copy();
    let dir = WorkshopDir { root: root.clone() };
    let mut on_disk = dir.load_workshop().unwrap();
    let gid = w.groups[0].id;
    let goal = w.groups[0].goals[0];
    for g in on_disk.groups.iter_mut().filter(|g| g.id == gid) {
        g.name = format!("Grupp {CJK} {FAMILY}");
    }
    for g in on_disk.goals.iter_mut().filter(|g| g.id == goal) {
        g.wording = format!("{COMBINING} {CJK} {FAMILY} {}", g.wording);
    }
    dir.save_workshop(&on_disk).unwrap();
    w.groups[0].name = format!("Grupp {CJK} {FAMILY}");
    (tmp, root, w)
}

#[test]
fn every_screen_at_every_tiny_size_with_wide_text() {
    let (_tmp, root, w) = wide_workshop();
    let mut d = Driver::open(&root, &w.groups[0].slug);
    let mut checked = 0;
    let mut all_sizes = |d: &mut Driver, name: &str| {
        for width in 0..=20 {
            for height in 0..=10 {
                draw(&d.app, width, height);
            }
        }
        // And where it fits, the wide text is all there.
        let screen = draw(&d.app, 120, 40).join("\n");
        assert!(screen.contains(CJK), "{name}: {screen}");
        checked += 1;
    };
    assert_eq!(d.app.at(), At::Goals);
    all_sizes(&mut d, "goal list");
    d.key(KeyCode::Enter);
    d.feed(Msg::Paste(format!("{FAMILY} {CJK} {COMBINING} ").repeat(12)));
    let text = effect_text(&d.app.group.as_ref().unwrap().file, d.app.workshop().unwrap());
    assert!(text.contains("Café") && !text.contains('\u{301}'), "typed text is composed (NFC): {text:?}");
    for step in 0..w.questions.len() {
        all_sizes(&mut d, &format!("step {step}"));
        d.feed(Msg::Key(ctrl(KeyCode::Right)));
    }
    d.key(KeyCode::F(1));
    all_sizes(&mut d, "help");
    d.key(KeyCode::Esc);
    assert_eq!(checked, 2 + w.questions.len());

    // Back on step 1, the pasted text wraps inside its box at 80×24 and
    // 120×40: every box row keeps both borders in their columns, and the
    // rows read in order are one unbroken stretch of the text.
    for _ in 0..w.questions.len() {
        d.feed(Msg::Key(ctrl(KeyCode::Left)));
    }
    let pasted: String = text.split_whitespace().collect();
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = draw(&d.app, width, height);
        let top = screen.iter().position(|r| r.contains('┌')).expect("the text box");
        let bottom = screen.iter().rposition(|r| r.contains('└')).unwrap();
        let col = |row: &str, byte: usize| row[..byte].width();
        let left = col(&screen[top], screen[top].find('┌').unwrap());
        let right = col(&screen[top], screen[top].rfind('┐').expect("the box's corner"));
        let mut inside = String::new();
        for row in &screen[top + 1..bottom] {
            let (l, r) = (row.find('│').unwrap_or(0), row.rfind('│').unwrap_or(0));
            assert_eq!((col(row, l), col(row, r)), (left, right), "{width}×{height}: a border moved in {row:?}");
            inside.push_str(&row[l + '│'.len_utf8()..r]);
        }
        let inside: String = inside.split_whitespace().collect();
        assert!(inside.chars().count() > 100, "{width}×{height}: the box shows the text: {inside:?}");
        assert!(pasted.contains(&inside), "{width}×{height}: wrapped text lost or reordered: {inside:?}");
    }
}

/// A real terminal resized many times in a row, down to 0×0 and 1×1 and up
/// to 300 columns, while text is typed: no panic, no exit, and at 80×24
/// again the screen is whole and the text was saved.
#[test]
fn rapid_resizes_of_a_real_terminal() {
    let (tmp, root, w) = wide_workshop();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for("Grupp 漢字テキスト");
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    let mut rng = Rng::from_clock("rapid resizes");
    let started = Instant::now();
    for i in 0..60 {
        let (rows, cols) = match i % 6 {
            0 => (0, 0),
            1 => (1, 1),
            2 => (rng.below(11) as u16, rng.below(21) as u16),
            3 => (100, 300),
            _ => (1 + rng.below(60) as u16, 1 + rng.below(200) as u16),
        };
        s.resize(rows, cols);
        if i % 10 == 0 {
            s.type_text(&format!("{CJK}{FAMILY}#{i} "));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // Settle at one size off and then at 80×24 (a resize to the same size
    // sends no signal), as a person's last drag of the window does.
    s.resize(25, 81);
    std::thread::sleep(Duration::from_millis(200));
    s.resize(24, 80);
    assert!(s.child.try_wait().unwrap().is_none(), "still running after the resizes:\n{}", s.raw_text());
    // Every key typed during the storm is in the text and saved.
    let mut text = String::new();
    pty::eventually(|| {
        text = effect_text(&group_file(&root, &w), &w);
        text.contains("#50")
    });
    assert!(text.contains("#50"), "keys lost in the resizes? on disk {text:?}; screen:\n{}", s.contents());
    if !s.holds_within(pty::WAIT, |screen| screen.contains("Steg 1 av") && screen.contains("#50")) {
        panic!("not redrawn whole at 80×24:\n{}", s.contents());
    }
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    let text = effect_text(&group_file(&root, &w), &w);
    assert_eq!(text.matches(CJK).count(), 6, "{text:?}");
    eprintln!("60 resizes in {:?}", started.elapsed());
}

/// Keys that reach the terminal in the same instant as a resize are shown
/// at once, not held back until the next key: crossterm's default event
/// source (edge-triggered epoll) kept them in the kernel buffer when the
/// resize signal was handled first, so the last words typed while a window
/// was dragged were neither shown nor saved.
#[test]
fn keys_typed_as_the_window_is_resized_arrive_without_another_key() {
    let (tmp, root, w) = wide_workshop();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for("Grupp 漢字テキスト");
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    // Rounds of resizes and words back to back while the app is still
    // drawing the previous size; the last word of each round must show
    // without another key being typed.
    for i in 0..40u16 {
        s.resize(24 + i % 2 * 16, 80 + i % 3 * 20);
        s.type_text(&format!("k{i}x "));
        if i % 4 == 3 {
            let word = format!("k{i}x");
            s.wait_until(&format!("{word:?} on screen after a resize"), |screen| screen.contains(&word));
        }
    }
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    let text = effect_text(&group_file(&root, &w), &w);
    let words: Vec<String> = (0..40).map(|i| format!("k{i}x")).collect();
    assert_eq!(text.split_whitespace().collect::<Vec<_>>(), words, "saved in order, none lost");
}
