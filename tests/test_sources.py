"""Transcripts as people have them: a PDF with a text layer, a Word file, STT JSON, captions, text
in other encodings; and the files kkaudio cannot read, each a one-line error saying what it is."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkaudio.cli import cli
from kkaudio.config import default_config
from kkaudio.errors import NoDialogueError, ScriptError
from kkaudio.text.normalise import normalise, spoken
from kkaudio.transcript import load_script, read_document

from .conftest import DATA

CORPUS = DATA / "transcripts"

# --- PDF -----------------------------------------------------------------------------------------

HEAD, FOOT = "Official - Subject to Final Review", "Riverside Reporting Company"
COURT_ROWS = [  # (indent in mm, text): a court record's argument, wrapped as a printed page wraps it
    (25, "IN THE SUPREME COURT OF THE STATE OF NOWHERE"),
    (0, "- - - - - - - - - - - - - - - - - x"),
    (0, "HARBOR FISHERIES, INC.,           :"),
    (10, "Petitioner                  :  No. 24-117"),
    (0, "- - - - - - - - - - - - - - - - - x"),
    (30, "Springfield"),
    (30, "Tuesday, March 4, 2025"),
    (10, "The above-entitled matter came on for oral"),
    (0, "argument at 10:04 a.m."),
    (35, "P R O C E E D I N G S"),
    (10, "CHIEF JUSTICE ADAMS: We will hear argument first"),
    (0, "this morning in Case 24-117, Harbor Fisheries against"),
    (0, "the Port Authority. Ms. Alvarez."),
    (20, "ORAL ARGUMENT OF ROSA ALVAREZ"),
    (18, "ON BEHALF OF THE PETITIONER"),
    (10, "MS. ALVAREZ: Mr. Chief Justice, and may it please"),
    (0, "the Court: the statute leaves the question of fees to"),
    (0, "the agency, and the agency answered it. The court below"),
    (0, "read an exception into the text that Congress did not"),
    (0, "write."),
    (10, "QUESTION: Was the agency's answer an adjudi-"),
    (0, "cation or a rule?"),
    (10, "MS. ALVAREZ: A rule, Your Honor, published after notice"),
    (0, "and comment."),
    (10, "JUSTICE BAKER: Then why did the board treat it as binding"),
    (0, "before it was published?"),
    (10, "MS. ALVAREZ: It did not. The record shows the board waited"),
    (0, "until the rule took effect in March."),
    (10, "QUESTION: Thank you, counsel."),
    (10, "CHIEF JUSTICE ADAMS: The case is submitted."),
    (10, "(Whereupon, at 10:41 a.m., the case was submitted.)"),
]


def court_pdf(path: Path, rows=COURT_ROWS, per_page: int = 12) -> Path:
    """A PDF laid out as court transcripts are: margin line numbers 1-25, a running head and
    foot on every page, the page number at the bottom, speakers' paragraphs indented."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("Courier", size=11)
    for start in range(0, len(rows), per_page):
        pdf.add_page()
        pdf.set_xy(10, 10)
        pdf.cell(0, 6, HEAD, align="C")
        for n, (indent, text) in enumerate(rows[start:start + per_page], 1):
            y = 20 + n * 9
            pdf.set_xy(12, y)
            pdf.cell(8, 6, str(n))
            pdf.set_xy(30 + indent, y)
            pdf.cell(0, 6, text)
        for n in range(len(rows[start:start + per_page]) + 1, 26):
            pdf.set_xy(12, 20 + n * 9 if 20 + n * 9 < 250 else 250)
        pdf.set_xy(10, 255)
        pdf.cell(0, 6, str(start // per_page + 1), align="C")
        pdf.set_xy(10, 262)
        pdf.cell(0, 6, FOOT, align="C")
    pdf.output(str(path))
    return path


def test_a_court_pdf_reads_as_its_speakers_with_the_page_furniture_gone(tmp_path):
    script = load_script(court_pdf(tmp_path / "argument.pdf"), default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert [who for who, _ in turns] == ["Narrator", "Chief Justice Adams", "Ms. Alvarez", "Interviewer",
                                         "Ms. Alvarez", "Justice Baker", "Ms. Alvarez", "Interviewer",
                                         "Chief Justice Adams"]
    said = " ".join(text for _, text in turns)
    assert HEAD not in said and FOOT not in said
    assert "an adjudication or a rule?" in said  # the hyphenated wrap joined
    assert not re.search(r"\b(?:1[0-9]|2[0-5]|[1-9]) (?:[A-Z]|the)", said.replace("Case 24-117", ""))  # no margin numbers
    assert script.title == "IN THE SUPREME COURT OF THE STATE OF NOWHERE"
    assert [c.title for c in script.chapters][1:] == ["PROCEEDINGS", "ORAL ARGUMENT OF ROSA ALVAREZ ON BEHALF OF THE "
                                                                     "PETITIONER"]
    reasons = {d.reason for d in script.dropped}
    assert {"a running head or foot of the pages", "a page number"} <= reasons
    assert any(r.startswith("the line numbers down page 1") for r in reasons)
    assert script.source == "PDF, 3 pages"


def test_a_word_processors_justified_pdf_keeps_its_words_and_labels_whole():
    # pypdf's layout mode reads this real PDF as `Treasury D epartment`, `people ’s` and
    # `MICHELLE SMITH.Nick Timiraos.` (the label glued to the answer before it)
    script = load_script(CORPUS / "real" / "en-fed-presconf-2020.pdf", default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    said = " ".join(text for _, text in turns)
    assert "the Treasury Department and" in said and "after the Global Financial Crisis" in said
    assert "savings on people’s balance sheets" in said and "Wall Street Journal. To follow" in said
    assert not re.search(r"\b[B-HJ-Z] [a-z]{2,}|\bA nd\b|\w ’s\b|[a-z][.,][A-Z]", said)
    assert ("Michelle Smith", "Nick Timiraos.") in turns


ZH_TURNS = [("记者", "您好，感谢您接受我们的专访。我们先从您最近出版的新书谈起，这本书写了多久？"),
            ("王建国", "前后大概写了三年。中间有一段时间停下来，因为我在乡下做田野调查，一住就是半年。"),
            ("记者", "田野调查对这本书最大的影响是什么？"),
            ("王建国", "它让我放弃了原来的很多判断。书里有一半的章节，是回来以后重新写的。")] * 8


def test_a_chinese_article_pdf_keeps_questions_that_recur_at_the_pages_edges(tmp_path):
    """A magazine's interview printed from Word: a short running head and `第 1 页 共 2 页` on both
    pages, the title centred above the text; the same question near the bottom of both pages
    ends with ？ and is said, both times."""
    from fpdf import FPDF
    from noto_cjk_sans_otc import FONT_PATH

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, 20)
    pdf.alias_nb_pages()
    pdf.add_font("noto", "", FONT_PATH)
    pdf.set_font("noto", size=11)
    pdf.header = lambda: (pdf.cell(0, 8, "读书周刊 · 人物专访", align="C"), pdf.ln(12))
    pdf.footer = lambda: (pdf.set_y(-15), pdf.cell(0, 8, f"第 {pdf.page_no()} 页 共 {{nb}} 页", align="C"))
    pdf.add_page()
    pdf.set_font_size(16)
    pdf.cell(0, 10, "王建国：在乡下重写一本书", align="C")
    pdf.ln(14)
    pdf.set_font_size(11)
    for who, said in ZH_TURNS:
        pdf.multi_cell(0, 7, f"{who}：{said}")
        pdf.ln(3)
    pdf.output(str(tmp_path / "interview.pdf"))
    script = load_script(tmp_path / "interview.pdf", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert script.source == "PDF, 2 pages" and script.title == "王建国：在乡下重写一本书"
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == ZH_TURNS
    assert {d.text for d in script.dropped} == {"读书周刊 · 人物专访", "第 1 页 共 2 页", "第 2 页 共 2 页"}


MAGAZINE = [("Q", "You grew up on a farm outside Dayton. When did you first think about leaving it?"),
            ("ELLERY", "Not until I was nineteen. I had a scholarship, and my father drove me to the station "
                       "himself, which surprised everyone, including me."),
            ("Q", "Your first job was at a paper that no longer exists."),
            ("ELLERY", "The Evening Courier. Four hundred subscribers and a press in the basement that shook "
                       "the whole building every night at eleven."),
            ("Q", "And now you run the Gazette with five people."),
            ("ELLERY", "We hired a courts reporter in March, which was the best decision we have made since "
                       "the newsletter started.")]


def test_a_magazine_pdf_in_two_columns_reads_down_the_left_column_then_the_right(tmp_path):
    """pypdf's layout mode gives both columns' lines side by side; the turns come in reading
    order, the title across the page stays the title, and a wrapped line that names a
    newsletter is still said (a short line of its own would be the publisher's plea)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, "The Woman Who Saved the Gazette", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    turns = [(who, f"({k}) {text}") for k, (who, text) in enumerate(MAGAZINE * 3)]
    with pdf.text_columns(ncols=2, gutter=8, text_align="J", balance=True) as cols:
        for who, text in turns:
            para = cols.paragraph(bottom_margin=3)
            pdf.set_font("Helvetica", "B", 10)
            para.write(who + ": ")
            pdf.set_font("Helvetica", "", 10)
            para.write(text)
            cols.end_paragraph()
    pdf.output(str(tmp_path / "magazine.pdf"))
    script = load_script(tmp_path / "magazine.pdf", default_config())
    names = {s.id: s.name for s in script.speakers}
    got = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert script.title == "The Woman Who Saved the Gazette"
    assert got == [("Interviewer" if who == "Q" else "Ellery", text) for who, text in turns]


def test_a_condensed_deposition_four_pages_to_a_sheet_reads_in_page_order(tmp_path):
    """A condensed transcript prints four pages on a sheet (1 and 2 down the left, 3 and 4 down
    the right), each with its `Page N` and its own line numbers 1-25, under a running head across
    the sheet; the last sheet has its right half empty. The turns come in page order, every
    margin number and page number gone, the head not said."""
    from fpdf import FPDF

    rows = []
    for k in range(60):  # 120 lines: five pages, on two sheets
        rows += [f"Q.  What did you see at the corner of the building, number {k}?",
                 f"A.  The truck backing up toward the dock, slowly, number {k}."]
    pages = [rows[i:i + 25] for i in range(0, len(rows), 25)]
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    for sheet in range(0, len(pages), 4):
        pdf.add_page()
        pdf.set_font("Courier", size=7)
        pdf.set_xy(10, 6)
        pdf.cell(0, 4, "DOE v. ACME FREIGHT, INC.          Condensed Transcript          MARIA LOPEZ - MARCH 3, 2024",
                 align="C")
        pdf.set_font("Courier", size=6.5)
        for q, page in enumerate(pages[sheet:sheet + 4]):
            x, y = 12 + (q // 2) * 100, 16 + (q % 2) * 128
            pdf.set_xy(x + 60, y)
            pdf.cell(30, 4, f"Page {sheet + q + 1}")
            for n, text in enumerate(page, 1):
                pdf.set_xy(x, y + 5 + n * 4.6)
                pdf.cell(6, 4, f"{n:>2}")
                pdf.set_xy(x + 7, y + 5 + n * 4.6)
                pdf.cell(85, 4, text)
    pdf.output(str(tmp_path / "condensed.pdf"))
    script = load_script(tmp_path / "condensed.pdf", default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert turns == [("Interviewer" if r.startswith("Q") else "Guest", r[4:]) for r in rows]
    assert {d.reason for d in script.dropped} >= {"a running head or foot of the pages", "a page number"}


def _rows_pdf(path: Path, pages: list[list], font: str | None = None):
    """A PDF of `pages`, each a list of rows: a line of text at the left, ("C", text) centred,
    ("I", text) indented, or None for a space; read back: (the script, speaker id -> name)."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    if font:
        pdf.add_font("unicode", "", font)
    pdf.set_font("unicode" if font else "Times", size=12)
    for rows in pages:
        pdf.add_page()
        for row in rows:
            if row is None:
                pdf.ln(60)
            else:
                align, text = row if isinstance(row, tuple) else ("L", row)
                if align == "I":  # indented
                    pdf.set_x(pdf.l_margin + 12)
                pdf.cell(0, 7, text, align="L" if align == "I" else align, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    script = load_script(path, default_config())
    return script, {s.id: s.name for s in script.speakers}


def test_a_pdfs_footnotes_under_their_rule_are_not_said(tmp_path):
    """An oral history printed from a word processor: each page's footnotes under a short rule at
    its foot, different on each page (so no running foot), the turn going on over the page."""
    from fpdf import FPDF

    notes = ["1 Harbour Street was renamed Mill Road in 1952.", "2 Jones worked at the county archive from 1970."]
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    for page, note in enumerate(notes):
        pdf.add_page()
        pdf.set_font("Times", size=11)
        for n in range(24):
            who = "SMITH" if n % 2 == 0 else "JONES"
            pdf.set_xy(20, 20 + n * 8)
            mark = str(page + 1) if n == 5 else ""  # the note's mark after the words it is about
            pdf.cell(0, 6, f"{who}: Line {page}.{n} of the talk, about the mill and the street by the harbour.{mark}")
        pdf.set_font("Times", size=8)
        pdf.set_xy(20, 236)
        pdf.cell(50, 4, "_" * 25)
        pdf.set_xy(20, 242)
        pdf.cell(0, 4, note)
    pdf.output(str(tmp_path / "history.pdf"))
    script = load_script(tmp_path / "history.pdf", default_config())
    said = " ".join(t.text for c in script.chapters for t in c.turns)
    assert "Mill Road" not in said and "county archive" not in said and said.count("of the talk") == 48
    assert said.count("by the harbour.") == 48 and "harbour.1" not in said and "harbour.2" not in said
    assert [d.text for d in script.dropped if d.reason == "a footnote at the page's foot"] == notes


def test_a_pdf_whose_turns_hang_indented_under_their_labels(tmp_path):
    """Labels at the edge, each turn's next lines indented under them (a hanging indent, as a
    class's interviews were printed from LibreOffice), lower-case labels (`s:`, `o_1:`) and a
    legend of what they stand for; a part's number alone (`2.`) starts a chapter, and a turn of a
    question mark alone says nothing."""
    from noto_cjk_sans_otc import FONT_PATH

    long = "用户打开我们的网页，看到的那些视觉元素，就是我们前端把它排布在网页中的。另外那些比较"
    script, names = _rows_pdf(tmp_path / "class.pdf", [[
        "s=访谈者", "o=受访者", "1.", "s:  感谢接受访谈。请问您现在的工作是什么？", "o_1:我目前在一家互联网公司当前端。",
        "s:  请介绍一下。", "o_1:" + long, ("I", "靠近用户端的功能，也是我们前端实现的。"), "s:  感谢。", "2.",
        "s:  感谢接受访谈。请问您现在的工作是什么？", "o_2:我在一个饭店里担任副厨。", "s:  ?", "o_2:四小时工作时间。",
        "s:  收入如何？", "o_2:" + long, ("I", "多一点，但是也攒不下来。"), "s:  您会推荐这个职业吗？", "o_2:不推荐。",
        "s:  感谢。"]],
        font=FONT_PATH)
    assert [(names[t.speaker], t.text) for t in script.chapters[0].turns][3] == \
        ("o_1", long + "靠近用户端的功能，也是我们前端实现的。")
    assert [c.title for c in script.chapters] == ["1.", "2."]
    assert [names[t.speaker] for t in script.chapters[1].turns] == ["s", "o_2", "s", "o_2", "s", "o_2", "s"]
    assert "a turn that says nothing (`?`, `...`)" in {d.reason for d in script.dropped}


def test_a_pdfs_title_page_legend_and_dashed_turns(tmp_path):
    """A title page whose legend names the labels (`Dr = Dr. Carmen Gill`), the dialogue on the
    next page opening with a label written once (`Dr. Gill:`): the legend is not said, its
    labels are its people's, and the title page's last line does not run on into the first
    label. A self-interview's turns opened by an em dash alternate; a word hyphenated at a
    line's end is whole."""
    from noto_cjk_sans_otc import FONT_PATH

    script, names = _rows_pdf(tmp_path / "oral-history.pdf", [
        [("C", "Interview with Agnes Mercer"), ("C", "November 2017"), None, "Dr = Dr. Carmen Gill",
         "A = Agnes Mercer, local scholar and historian, author of the mill survey",
         "Amber / Am = Amber Quinn, undergraduate student assistant with the project"],
        ["Dr. Gill: Hi Agnes, it's Carmen! How are you?", "Agnes: Fine thanks. How are you all doing?",
         "Dr: Very well. The students have some questions for you.", "Am: When were you born, and where?",
         "A: In 1940, here on the island, at the old sugar factory.", "Amber: Did your family work there?",
         "A: My father did. He was an engineer out from Scotland."]])
    assert script.title == "Interview with Agnes Mercer"
    assert [names[t.speaker] for c in script.chapters for t in c.turns] == [
        "Dr. Carmen Gill", "Agnes Mercer", "Dr. Carmen Gill", "Amber Quinn", "Agnes Mercer", "Amber Quinn", "Agnes Mercer"]
    assert {d.reason for d in script.dropped} >= {"date stamp", "the legend of who the labels stand for"}

    script, names = _rows_pdf(tmp_path / "self-interview.pdf", [[  # (a font with the em dash)
        "\u2014Your videos are fairly redundant. Why not stick with one summary video?",
        "\u2014You might want to think of me as a painter, attacking the same idea from dif-",
        "ferent directions, as a musician does with a tune he loves.",
        "\u2014Can you say what it is, exactly, that you offer?",
        "\u2014I see myself as having fused my influences.", "\u2014Who are these serious people?",
        "\u2014Those who are serious about explicative philosophy."]], font=FONT_PATH)
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert [who for who, _ in turns] == ["Interviewer", "Guest"] * 3
    assert turns[1][1] == ("You might want to think of me as a painter, attacking the same idea from different "
                           "directions, as a musician does with a tune he loves.")


def test_a_pdf_texts_ligatures_are_letters():
    """A typeface's ligatures stay in the text layer (`ﬁnd`, `ﬂow`, `oﬃce`): the words are their
    letters, in the transcript and for the voice."""
    from kkaudio.transcript.sources.pdf import _document

    doc = _document(["Ana: We had to \ufb01nd the \ufb02ow of the o\ufb03ce.\nTom: It took a stu\ufb00y week."])
    assert [ln.plain for ln in doc.lines] == ["Ana: We had to find the flow of the office.", "Tom: It took a stuffy week."]
    # pages with no text (a scanned cover, a blank back) before the text are no page to measure
    doc = _document(["", "", "Ana: We had to go.\nTom: So we went."])
    assert [ln.plain for ln in doc.lines] == ["Ana: We had to go.", "Tom: So we went."]


def test_explain_names_a_pdf_line_by_its_page(tmp_path):
    path = court_pdf(tmp_path / "argument.pdf")
    result = CliRunner().invoke(cli, ["script", "--explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "read as PDF, 3 pages" in result.output
    assert re.search(rf"argument\.pdf:p\. 2, line \d+: dropped \(a running head or foot of the pages\): {HEAD}",
                     result.output)


def test_a_scanned_pdf_and_an_encrypted_one_are_clear_errors(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    scan = tmp_path / "page.png"
    Image.new("RGB", (200, 260), "white").save(scan)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(scan), x=10, y=10, w=180)
    pdf.output(str(tmp_path / "scanned.pdf"))
    with pytest.raises(ScriptError, match=r"scanned\.pdf: is a PDF without a text layer .*OCR"):
        load_script(tmp_path / "scanned.pdf", default_config())

    locked = FPDF()
    locked.add_page()
    locked.set_font("Helvetica", size=12)
    locked.cell(0, 10, "Q: Hello? A: Hello.")
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(ScriptError, match=r"locked\.pdf: is an encrypted PDF; .*unprotected copy"):
        load_script(tmp_path / "locked.pdf", default_config())


# --- Word ----------------------------------------------------------------------------------------

def interview_docx(path: Path) -> Path:
    """A Word interview as editors write them: a title, bold labels, a heading, a table of turns."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Glass Houses"
    document.add_heading("Glass Houses", level=1)
    document.add_paragraph("Recorded in the greenhouse on a Sunday morning.")
    for who, said in [("Mira Holt", "How long have you grown orchids?"),
                      ("Jonas Berg", "Since I was twelve. My grandmother gave me the first one."),
                      ("Mira Holt", "Do you still have it?")]:
        p = document.add_paragraph()
        p.add_run(f"{who}:").bold = True
        p.add_run(f" {said}")
    p = document.add_paragraph()
    p.add_run("Jonas Berg:").bold = True
    p.add_run(" I do. It flowers every March,")
    p.add_run().add_break()
    p.add_run("later every year.")
    document.add_heading("Part two", level=2)
    table = document.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = "Time", "Speaker", "Text"
    for time, who, said in [("04:10", "Mira Holt", "What kills an orchid?"),
                            ("04:12", "Jonas Berg", "Kindness, mostly. People water them to death."),
                            ("04:19", "Mira Holt", "So leave them alone?"),
                            ("04:21", "Jonas Berg", "Leave them alone, and give them light.")]:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text, row.cells[2].text = time, who, said
    document.save(str(path))
    return path


def test_markdown_typed_into_word_is_read_as_markdown(tmp_path):
    """A chat assistant's tidied transcript pasted into Word: its `#` headings, `**bold**` and `- ` items
    are typed characters, not Word's styles. Read as the Markdown they are: the keywords' list, the
    details and who has each role (`**受访者**：…`) above the talk are not said, nor a citation's number
    (`[1](@ref)`), and the labels are the roles, without their `##`."""
    import docx

    document = docx.Document()
    for text in ["# 语音转文字记录", "**文档编号**：SOUND_RECORDING  ", "**访谈时间**：7月22日上午  ",
                 "**受访者**：镇农业站站长李春梅  ", "**采访者**：新闻学院本科生周航  ", "# 关键词", "- 梯田",
                 "- 合作社", "- 茶叶", "---", "## [00:00:04.300] 采访者：", "您好，我们先从梯田说起吧[1](@ref)。",
                 "## [00:00:16.060] 受访者：", "好的。梯田是祖辈修的，一直种到现在。",
                 "## [00:00:30.500] 采访者：", "合作社是哪一年成立的？", "## [00:00:35.000] 受访者：",
                 "二零一六年。当时只有十二户，现在有八十多户了。"]:
        document.add_paragraph(text)
    path = tmp_path / "茶园访谈.docx"
    document.save(str(path))
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("采访者", "您好，我们先从梯田说起吧。"), ("受访者", "好的。梯田是祖辈修的，一直种到现在。"),
        ("采访者", "合作社是哪一年成立的？"), ("受访者", "二零一六年。当时只有十二户，现在有八十多户了。")]
    assert read_document(path).described.endswith("written in Markdown")


def test_words_own_transcribe_with_its_main_part_named_otherwise_is_read(tmp_path):
    """Word's own Transcribe saves its main part as word/document2.xml (the package says so in its
    content types and relationships): a Word file all the same. `Audio file` over the recording's
    name and `Transcript` are its headings, the name without its extension the title; a turn that
    says nothing (`...`) is no turn."""
    import docx

    document = docx.Document()
    document.add_heading("Audio file", 1)
    document.add_paragraph("Harbour interview 2024-03-01 at 10.30.06.mp4")
    document.add_heading("Transcript", 1)
    for time, who, said in [("00:00:03", "Speaker 1", "Can you hear me now?"),
                            ("00:00:05", "Speaker 2", "Yes, loud and clear. Shall we start with the harbour?"),
                            ("00:00:09", "Speaker 1", "Please. When did you first work there?"),
                            ("00:00:12", "Speaker 2", "In 1981, on the night shift, unloading timber."),
                            ("00:00:20", "Speaker 1", "...")]:
        document.add_paragraph(f"{time} {who}")
        document.add_paragraph(said)
    plain = io.BytesIO()
    document.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(tmp_path / "transcribed.docx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename).replace(b"/word/document.xml", b"/word/document2.xml") \
                .replace(b'Target="word/document.xml"', b'Target="word/document2.xml"')
            name = {"word/document.xml": "word/document2.xml",
                    "word/_rels/document.xml.rels": "word/_rels/document2.xml.rels"}.get(item.filename, item.filename)
            out.writestr(name, data)
    script = load_script(tmp_path / "transcribed.docx", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert script.title == "Harbour interview 2024-03-01 at 10.30.06"
    assert [(names[t.speaker], t.text[:12]) for c in script.chapters for t in c.turns] == [
        ("Speaker 1", "Can you hear"), ("Speaker 2", "Yes, loud an"), ("Speaker 1", "Please. When"),
        ("Speaker 2", "In 1981, on ")]


def test_a_latex_file_with_no_text_says_so_and_its_comments_are_not_said(tmp_path):
    empty = tmp_path / "appendix.tex"
    empty.write_text("\\documentclass{article}\n\\begin{document}\n% nothing yet\n\\end{document}\n", encoding="utf-8")
    with pytest.raises(ScriptError, match=r"appendix.tex: is a LaTeX file with no text in it$"):
        load_script(empty, default_config())
    script = load_script(CORPUS / "thesis-appendix.tex", default_config())
    said = " ".join(t.text for c in script.chapters for t in c.turns)
    assert "check this with the recording" not in said and "\\textbf" not in said and "**" not in said
    assert script.source == "LaTeX"
    # a thesis's main file that takes its appendix in with \\input: the appendix is read where it goes
    (tmp_path / "appendix.tex").write_text("\\section*{Interview}\n\\textbf{I:} Why here?\n\n\\textbf{R:} The sea.\n\n"
                                          "\\textbf{I:} And now?\n\n\\textbf{R:} Still the sea.\n", encoding="utf-8")
    main = tmp_path / "thesis.tex"
    main.write_text("\\documentclass{book}\n\\title{A thesis}\n\\begin{document}\n\\maketitle\n\\input{appendix}\n"
                    "\\end{document}\n", encoding="utf-8")
    script = load_script(main, default_config())
    assert [t.text for c in script.chapters for t in c.turns] == ["Why here?", "The sea.", "And now?", "Still the sea."]


def test_a_word_file_with_no_text_says_so(tmp_path):
    """A Word file saved with nothing in it (one empty paragraph): not "no dialogue found"."""
    import docx

    path = tmp_path / "exported.docx"
    docx.Document().save(path)
    with pytest.raises(ScriptError, match=r"exported.docx: has no text in it \(Word document, \d+ paragraphs?\)$"):
        load_script(path, default_config())


def test_a_word_file_reads_its_bold_labels_headings_and_a_table_of_turns(tmp_path):
    script = load_script(interview_docx(tmp_path / "orchids.docx"), default_config())
    names = {s.id: s.name for s in script.speakers}
    assert script.title == "Glass Houses"
    assert [c.title for c in script.chapters] == ["Glass Houses", "Part two"]  # the talk starts before "Part two"
    assert [(names[t.speaker], t.text) for t in script.chapters[0].turns] == [
        ("Narrator", "Recorded in the greenhouse on a Sunday morning."),
        ("Mira Holt", "How long have you grown orchids?"),
        ("Jonas Berg", "Since I was twelve. My grandmother gave me the first one."),
        ("Mira Holt", "Do you still have it?"),
        ("Jonas Berg", "I do. It flowers every March, later every year."),
    ]
    turns = script.chapters[1].turns
    assert [(names[t.speaker], t.text, t.start) for t in turns] == [
        ("Mira Holt", "What kills an orchid?", 250.0),
        ("Jonas Berg", "Kindness, mostly. People water them to death.", 252.0),
        ("Mira Holt", "So leave them alone?", 259.0),
        ("Jonas Berg", "Leave them alone, and give them light.", 261.0),
    ]


def _wrapped_run(paragraph, wrapper: str, text: str, deleted: bool = False) -> None:
    """A run inside `wrapper` (w:ins, w:del, w:hyperlink) at the paragraph's end, as Word writes
    tracked changes and links."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    outer, run, words = OxmlElement(wrapper), OxmlElement("w:r"), OxmlElement("w:delText" if deleted else "w:t")
    if wrapper in ("w:ins", "w:del"):
        outer.set(qn("w:id"), "1"), outer.set(qn("w:author"), "Editor")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words), outer.append(run)
    paragraph._p.append(outer)


def test_a_word_files_tracked_insertions_and_links_are_read_and_its_deletions_are_not(tmp_path):
    import docx

    document = docx.Document()
    p = document.add_paragraph("Jane Roe: I moved here in ")
    _wrapped_run(p, "w:ins", "nineteen ninety")  # an editor's insertion, tracked
    _wrapped_run(p, "w:del", "1989", deleted=True)
    p.add_run(", with my sister.")
    document.add_paragraph("Tom Berg: Where can people see your maps?")
    p = document.add_paragraph("Jane Roe: On ")
    _wrapped_run(p, "w:hyperlink", "maps.example.org")
    p.add_run(", every day.")
    table = document.add_table(rows=0, cols=2)
    for who, said in [("Tom Berg", "And the shop?"), ("Jane Roe", "Closed on "), ("Tom Berg", "Why?")]:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = who, said
    _wrapped_run(table.rows[1].cells[1].paragraphs[0], "w:ins", "Mondays, when I draw.")
    from docx.oxml import OxmlElement

    control, inside = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")  # a template's content control
    control.append(inside)
    inside.append(document.add_paragraph("Jane Roe: To think.")._p)
    document.element.body.insert(len(document.element.body) - 1, control)
    document.save(str(tmp_path / "maps.docx"))
    script = load_script(tmp_path / "maps.docx", default_config())
    said = [t.text for c in script.chapters for t in c.turns]
    assert said == ["I moved here in nineteen ninety, with my sister.", "Where can people see your maps?",
                    "On maps.example.org, every day.", "And the shop?", "Closed on Mondays, when I draw.", "Why?",
                    "To think."]


def test_an_opendocument_files_comments_and_tracked_deletions_are_not_read(tmp_path):
    office, text = "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = f"""<office:document-content xmlns:office="{office}" xmlns:text="{text}"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>
      <text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info>
        <dc:creator>Editor</dc:creator></office:change-info><text:p>Jane Roe: A line taken out.</text:p>
      </text:deletion></text:changed-region></text:tracked-changes>
      <text:p>Jane Roe: I moved here in 1990<office:annotation><dc:creator>Editor</dc:creator>
        <text:p>Check the year.</text:p></office:annotation>, with my sister.<text:change text:change-id="c1"/></text:p>
      <text:p>Tom Berg: Why then?</text:p><text:p>Jane Roe: Work, mostly.</text:p><text:p>Tom Berg: And now?</text:p>
    </office:text></office:body></office:document-content>"""
    path = tmp_path / "edited.odt"
    path.write_bytes(_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content}))
    said = [t.text for c in load_script(path, default_config()).chapters for t in c.turns]
    assert said == ["I moved here in 1990, with my sister.", "Why then?", "Work, mostly.", "And now?"]


def test_a_word_file_whose_names_are_bold_with_no_colon_reads_them(tmp_path):
    """`**Jane Doe** Welcome…`: a bold name, its space inside the bold run, then the words."""
    from docx import Document as Word

    doc = Word()
    for who, text in [("Jane Doe", "Welcome to the show."), ("Tom Reed", "Thanks for having me."),
                      ("Jane Doe", "What made you start?"), ("Tom Reed", "A neighbour gave me seeds."),
                      ("Important", "things come last.")]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(who + " ").bold = True
        paragraph.add_run(text)
    doc.save(tmp_path / "talk.docx")
    script = load_script(tmp_path / "talk.docx", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for t in script.chapters[0].turns] == [
        ("Jane Doe", "Welcome to the show."), ("Tom Reed", "Thanks for having me."),
        ("Jane Doe", "What made you start?"),
        ("Tom Reed", "A neighbour gave me seeds. Important things come last."),  # one bold word: emphasis
    ]


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_questions_in_italics_over_plain_answers_are_the_interviewers(tmp_path, suffix):
    """A magazine's Q&A with no labels: the questions in italics (a Word file's italic runs,
    HTML's <em>), the answers plain."""
    from docx import Document as Word

    qa = [("When did you start sailing?", "At seven, with my uncle."), ("Were you ever seasick?", "Never again after that day."),
          ("Do you still race?", "Only on Sundays, and badly.")]
    if suffix == ".docx":
        doc = Word()
        doc.add_paragraph("Ana Ruiz on small boats")
        for q, a in qa:
            doc.add_paragraph().add_run(q).italic = True
            doc.add_paragraph(a)
        doc.save(tmp_path / "boats.docx")
    else:
        (tmp_path / "boats.html").write_text("<h1>Ana Ruiz on small boats</h1>" + "".join(
            f"<p><em>{q}</em></p><p>{a}</p>" for q, a in qa), encoding="utf-8")
    script = load_script(tmp_path / f"boats{suffix}", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for t in script.chapters[0].turns] == [
        (who, said) for q, a in qa for who, said in (("Interviewer", q), ("Guest", a))]


def test_a_word_interview_whose_speakers_are_told_apart_by_colour_alone(tmp_path):
    """No labels: the interviewee's paragraphs in one colour, the interviewer's in the text's own
    (black written out, or none). A bold title and date above are nobody's words; the speakers are
    Speaker 1 and Speaker 2, in the order they speak."""
    from docx import Document as Word
    from docx.shared import RGBColor

    doc = Word()
    doc.add_paragraph().add_run("Interview 4").bold = True
    doc.add_paragraph().add_run("March 3, 2019").bold = True
    said = [("blue", "Is the recorder on? Good."), ("", "It is. Thank you for making the time."),
            ("blue", "Of course. Where do you want to start?"), ("black", "With the first shop you opened."),
            ("blue", "That was 1998, a room above a bakery."), ("blue", "We sold maps, only maps."),
            ("", "Why maps?"), ("blue", "Because nobody else in town did.")]
    for colour, text in said:
        run = doc.add_paragraph().add_run(text)
        if colour:
            run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79) if colour == "blue" else RGBColor(0, 0, 0)
    doc.save(tmp_path / "maps.docx")
    script = load_script(tmp_path / "maps.docx", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("Speaker 1", "Is the recorder on? Good."), ("Speaker 2", "It is. Thank you for making the time."),
        ("Speaker 1", "Of course. Where do you want to start?"), ("Speaker 2", "With the first shop you opened."),
        ("Speaker 1", "That was 1998, a room above a bakery. We sold maps, only maps."),
        ("Speaker 2", "Why maps?"), ("Speaker 1", "Because nobody else in town did.")]


ALTERNATING = [
    "Thanks for talking to me about the ferry service.", "Happy to.",
    "How long have you worked on the boats?", "Twenty-two years this spring, most of them on the night crossing, "
    "which is the one nobody else wants because you sleep in the afternoons and miss every birthday party there is.",
    "What changed in that time?", "The boats got bigger and the crews got smaller. We used to be nine.",
    "Mm-hm.", "Now we are five, and the timetable is the same.",
    "Mm-hm.", "Is that safe, in your view, with five people on a boat that size?",  # she asks on after her `Mm-hm.`
    "It is safe because people work harder than they should. I would not call that a plan. When somebody is ill, "
    "the rest of us cover, and when two are ill at once, the boat does not sail, and the island waits for the morning.",
    "And what would you change first?", "More hands on the winter crossings, before anything else.",
    "Okay.", "That is the whole of it, really.",
]


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_unlabelled_paragraphs_that_take_turns_are_an_interviewers_and_a_guests(tmp_path, suffix):
    """No names, no colours, no bold: the paragraphs of a research interview take turns. The one
    who asks is the Interviewer; a question right after the interviewer's `Mm-hm.` is the
    interviewer going on. A title above is nobody's."""
    from docx import Document as Word

    if suffix == ".docx":
        doc = Word()
        doc.add_paragraph("Interview 7")
        for text in ALTERNATING:
            doc.add_paragraph(text)
        doc.save(tmp_path / "ferry.docx")
    else:
        (tmp_path / "ferry.txt").write_text("Interview 7\n\n" + "\n\n".join(ALTERNATING) + "\n", encoding="utf-8")
    script = load_script(tmp_path / f"ferry{suffix}", default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert turns[:4] == [("Interviewer", ALTERNATING[0]), ("Guest", "Happy to."), ("Interviewer", ALTERNATING[2]),
                         ("Guest", ALTERNATING[3])]  # (the guest says more than twice what the interviewer does)
    assert ("Interviewer", "Mm-hm. Is that safe, in your view, with five people on a boat that size?") in turns
    assert turns[-2:] == [("Interviewer", "Okay."), ("Guest", "That is the whole of it, really.")]


def test_a_stream_of_short_sentences_that_happen_to_take_turns_is_not_made_a_dialogue(tmp_path):
    """A speech-to-text's sentences a paragraph each (a translated transcript with no speakers):
    questions fall on every other one, but both sides say about as much, so no one is guessed."""
    stream = ["你在哪里录音？", "在我的工作室里录，很安静。", "今天天气怎么样？", "下雨了，有一点冷。", "你喜欢下雨吗？",
              "还可以吧，看心情。", "我们聊聊作品好吗？", "好的，没有问题。", "第一件是什么时候？", "二〇一五年的夏天。"]
    (tmp_path / "stream.md").write_text("# 访谈\n\n" + "\n\n".join(stream) + "\n", encoding="utf-8")
    with pytest.raises(ScriptError, match="no dialogue found"):
        load_script(tmp_path / "stream.md", default_config())


def test_an_essay_whose_paragraphs_ask_questions_is_not_made_a_dialogue(tmp_path):
    """Paragraphs with questions that do not take turns (an essay's, a lecture's): no dialogue."""
    essay = ["Why do ferries matter?", "Islands depend on them for food, for doctors and for school.",
             "Who pays for them?", "Mostly the mainland, and the islanders resent the fares.",
             "Is that fair? Some say no. Others say the service would end without the fares.",
             "What would replace it?", "Nothing, for most islands. A bridge is out of the question.",
             "And the crews?", "They are fewer each year. The timetable stays the same.", "So what now?"]
    (tmp_path / "essay.txt").write_text("\n\n".join(essay) + "\n", encoding="utf-8")
    with pytest.raises(ScriptError, match="no dialogue found"):
        load_script(tmp_path / "essay.txt", default_config())


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_an_action_in_italics_is_a_stage_direction_and_other_italics_are_words(tmp_path, suffix):
    """`<em>laughs</em>`, a Word file's italic `applause`: what happens, kept in the turn in
    brackets and never said; an italic word that is said (`really`) stays as it is."""
    from docx import Document as Word

    turns = [("Maya", [("Welcome back. ", False), ("applause", True), (" It is good to be here.", False)]),
             ("Arjun", [("I am ", False), ("really", True), (" glad. ", False), ("laughs", True)]),
             ("Maya", [("So, bees?", False)]), ("Arjun", [("Bees.", False)])]
    if suffix == ".docx":
        doc = Word()
        for who, parts in turns:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{who}: ").bold = True
            for text, italic in parts:
                paragraph.add_run(text).italic = italic
        doc.save(tmp_path / "bees.docx")
    else:
        (tmp_path / "bees.html").write_text("".join(
            f"<p><b>{who}:</b> " + "".join(f"<em>{t}</em>" if i else t for t, i in parts) + "</p>"
            for who, parts in turns), encoding="utf-8")
    script = load_script(tmp_path / f"bees{suffix}", default_config())
    said = [t.text for c in script.chapters for t in c.turns]
    assert said[:2] == ["Welcome back. (applause) It is good to be here.", "I am really glad. (laughs)"]
    assert spoken(said[0], language="en") == "Welcome back. It is good to be here."


@pytest.mark.parametrize("main", ["application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                                  "application/vnd.ms-word.document.macroEnabled.main+xml",
                                  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"])
def test_a_word_template_or_macro_enabled_file_saved_as_docx_is_read(tmp_path, main):
    """A .dotm, .docm or .dotx under a `.docx` name (Word saves a template so when asked to):
    its text is read as a document's, not refused as "a ZIP archive"."""
    interview_docx(tmp_path / "plain.docx")
    with zipfile.ZipFile(tmp_path / "plain.docx") as source, zipfile.ZipFile(tmp_path / "saved.docx", "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    main.encode())
            copy.writestr(item, data)
    plain = load_script(tmp_path / "plain.docx", default_config())
    saved = load_script(tmp_path / "saved.docx", default_config())
    assert [t.text for c in saved.chapters for t in c.turns] == [t.text for c in plain.chapters for t in c.turns]


def test_a_teams_word_transcript_reads_its_names_without_the_cue_timings(tmp_path):
    """Teams' Word download: a paragraph of timing (`0:0:5.320 --> 0:0:9.100`, hours and minutes
    in one digit), one of the name, one of the words."""
    import docx

    document = docx.Document()
    document.add_paragraph("Weekly sync")
    for timing, who, said in [("0:0:0.0 --> 0:0:5.320", "Mira Holt", "Welcome, everyone."),
                              ("0:0:5.320 --> 0:0:9.100", "Jonas Berg", "Thanks. Two updates from me."),
                              ("0:0:9.100 --> 0:0:12.0", "Jonas Berg", "The greenhouse is finished."),
                              ("0:0:12.0 --> 0:0:13.500", "Mira Holt", "Great news.")]:
        for text in (timing, who, said, ""):
            document.add_paragraph(text)
    document.save(str(tmp_path / "sync.docx"))
    script = load_script(tmp_path / "sync.docx", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("Mira Holt", "Welcome, everyone."),
        ("Jonas Berg", "Thanks. Two updates from me. The greenhouse is finished."),
        ("Mira Holt", "Great news."),
    ]



@pytest.mark.parametrize("head, tail, title", [
    (["Radio repair-20240501_150312-Meeting Recording", "May 1, 2024, 1:03PM", "32m 5s"],
     ["Alice Moreno stopped transcription"], "Radio repair"),  # Teams' download: the meeting's name, date and length
    (["访谈录音 2024-05-01"], [], "访谈录音 2024-05-01"),  # a meeting tool's: the title is a paragraph of its own
    ([], ["Transcribed by https://otter.ai"], "calls"),  # Otter's: its own line under the words
    (["Radio repair-20240501_150312-Meeting Recording.m4a"], [], "Radio repair"),  # Word's own Transcribe
    (["Radio repair (Completed  03/02/24)", "Transcript by Rev.com", "Page 1 of 1"], [], "Radio repair"),  # Rev's
    (["会议主题：收音机修理", "会议时间：2024-03-05 14:00:00", "参会人：Alice Moreno、Tom Baxter"], [], "收音机修理"),  # a meeting's
])
def test_a_word_transcripts_title_and_tool_lines_are_not_said(tmp_path, head, tail, title):
    import docx

    document = docx.Document()
    for text in head:
        document.add_paragraph(text)
    turns = [("Alice Moreno", "0:03", "Welcome back. Today we talk about old radios."),
             ("Tom Baxter", "0:09", "Thanks for having me. It started with my grandfather's set."),
             ("Alice Moreno", "0:15", "What was wrong with it?"),
             ("Tom Baxter", "0:18", "Two dead valves and a cracked dial cord.")]
    for who, when, said in turns:
        document.add_paragraph(f"{who}   {when}")
        document.add_paragraph(said)
    for text in tail:
        document.add_paragraph(text)
    document.save(str(tmp_path / "calls.docx"))
    script = load_script(tmp_path / "calls.docx", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert script.title == title
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [(w, t) for w, _, t in turns]


def test_an_oral_historys_legend_names_its_initials_and_its_details_are_not_said(tmp_path):
    """`Interviewer: Daniel Ortiz (DO)` above the talk: who `DO:` is, not something said; the
    date, place and transcriber under their keys are the recording's details."""
    import docx

    document = docx.Document()
    for text in ["Interviewer: Daniel Ortiz (DO)", "Narrator: Margaret Hale (MH)", "Date: June 4, 2019",
                 "Location: Duluth, Minnesota", "Transcribed by: K. Lund",
                 "DO: Where were you born?", "MH: In Duluth, in 1941. My father worked on the ore docks.",
                 "DO: What do you remember about the docks?", "MH: The noise, mostly. And the red dust on everything."]:
        document.add_paragraph(text)
    document.save(str(tmp_path / "hale.docx"))
    script = load_script(tmp_path / "hale.docx", default_config())
    names = {s.id: (s.name, s.role) for s in script.speakers}
    assert [names[t.speaker] for c in script.chapters for t in c.turns] == [
        ("Daniel Ortiz", "host"), ("Margaret Hale", "guest")] * 2
    assert {d.reason for d in script.dropped if d.line <= 5} == {
        "the legend of who the labels stand for", "date stamp", "the recording's details above the talk"}


def qda_pdf(path: Path, paragraphs: list[list[str]], per_page: int = 4) -> Path:
    """A PDF as a qualitative-analysis tool exports an interview (MAXQDA's): each paragraph
    numbered in the margin at its first line, the numbers running on from page to page, tabs for
    the spaces between words, `1/2` at the foot of each page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    pages = [paragraphs[i:i + per_page] for i in range(0, len(paragraphs), per_page)]
    number = 0
    for p, page in enumerate(pages, 1):
        pdf.add_page()
        y = 15
        if p == 1:
            pdf.set_xy(25, y)
            pdf.cell(0, 5, "Interview")
            y += 8
        for lines in page:
            number += 1
            pdf.set_xy(12, y)
            pdf.cell(8, 5, str(number))
            for line in lines:
                pdf.set_xy(25, y)
                pdf.cell(0, 5, "\t".join(line.split(" ")))
                y += 5
            y += 4
        pdf.set_xy(180, 285)
        pdf.cell(0, 5, f"{p}/{len(pages)}")
    pdf.output(str(path))
    return path


def test_a_qualitative_analysis_export_loses_its_paragraph_numbers_and_keeps_blacked_out_words_in_the_turn(tmp_path):
    """Paragraph numbers that run on across pages (4 on the first, 5 and 6 on the second) are
    not said, words spaced by tabs keep their labels, and a line of X's (an anonymised passage)
    stays in its speaker's turn: not a heading, not said by the voice."""
    path = qda_pdf(tmp_path / "P1.pdf", [
        ["Dan: Okay. So my first question is whether you use these plots in your work today,",
         "or whether you have at some point in the past."],
        ["Participant: Yes, we use them in our first look at the data."],
        ["Dan: And how do you choose which plots to look at first?"],
        ["Participant: We sort them by importance, and then by how far apart the clusters are.",
         "XXXXXXX XX XXXX XXXXXXXXX XXX XXXXX XX XXX XXX XXXXX XXX XXXX X XXXXXXX", "XXXXX XXX XXXX"],
        ["Dan: Got it. And what would you change about the tool?"],
        ["Participant: Only small things. It is easy to install and easy to use."]])
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert [who for who, _ in turns] == ["Dan", "Participant"] * 3
    assert turns[0][1] == ("Okay. So my first question is whether you use these plots in your work today, or whether "
                           "you have at some point in the past.")
    assert turns[3][1].endswith("how far apart the clusters are. XXXXXXX XX XXXX XXXXXXXXX XXX XXXXX XX XXX XXX XXXXX "
                                "XXX XXXX X XXXXXXX XXXXX XXX XXXX")
    assert [c.title for c in script.chapters] == ["Interview"]
    assert not any(re.search(r"\d", t) for _, t in turns)
    reasons = {(d.text, d.reason) for d in script.dropped}
    assert ("1/2", "a page number") in reasons and ("5–6", "the line numbers down page 2's margin") in reasons
    assert normalise(turns[3][1], language="en").spoken == ("We sort them by importance, and then by how far apart "
                                                            "the clusters are.")


def coded_pdf(path: Path, blocks: list[tuple[list[str], str | None, list[str]]], per_page: int = 3) -> Path:
    """A coded transcript as a qualitative-analysis tool prints it (Delve's): over each
    paragraph the codes given to it, spread across the page, then the speaker's name alone (none
    over a paragraph that goes on with the same speaker), the lines double-spaced, the print's
    date and title at the top of every page and its address and page number at the foot."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    pages = [blocks[i:i + per_page] for i in range(0, len(blocks), per_page)]
    for p, page in enumerate(pages, 1):
        pdf.add_page()
        for x, text in ((10, "6/4/23, 5:46 PM"), (120, "Interview 7 - coded")):
            pdf.set_xy(x, 8)
            pdf.cell(0, 5, text)
        y = 22
        for codes, name, lines in page:
            x = 22
            for code in codes:
                pdf.set_xy(x, y)
                pdf.cell(0, 5, code)
                x += 12 + 2.2 * len(code)
            y += 10 if codes else 0
            if name:
                pdf.set_xy(20, y)
                pdf.cell(0, 5, name)
                y += 5
            for line in lines:
                pdf.set_xy(20, y)
                pdf.cell(0, 5, line)
                y += 9
            y += 8
        for x, text in ((10, "https://app.example.com/transcripts/7/print"), (185, f"{p}/{len(pages)}")):
            pdf.set_xy(x, 285)
            pdf.cell(0, 5, text)
    pdf.output(str(path))
    return path


CODED = [
    ([], "Interviewer1", ["So, to begin: what kind of data do you work with, and where does it come from",
                          "in your current project?"]),
    ([], "Interviewee1", ["Mostly tables, engine records from our client, collected over thirty years."]),
    (["Data-issues", "Data-missing-values", "Q1"], "Interviewer1",
     ["And what are the biggest problems with that data, in your experience so far,", "before you even build a model?"]),
    (["Q1"], "Interviewee1", ["Holes in the history. Whole decades are missing for some engines, and we",
                              "have to infer them from the records that surround them."]),
    (["Q1"], None, ["So it is a lot of going back and forth with the client."]),
    (["Q2.1"], "Interviewer1", ["Do you ever get data from somewhere else, outside the client?"]),
    (["Q2.1"], "Interviewee1", ["Yes, from a marketplace that lists every sale of an aircraft."]),
    (["Data-quality-fix", "Q2.1"], "Interviewer1", ["How do you handle it when that data is wrong or out of date, and the",
                                                     "contact no longer exists at all?"]),
    (["Q2.1"], "Interviewee1", ["We look in other systems, the client's CRM for instance."]),
    (["Q3.2"], "Interviewer1", ["And does the client know how much of it is missing, before you start?"]),
    (["Q3.2"], "Interviewee1", ["Rarely. We find out together, one engine at a time."]),
    (["Misc", "Q9"], "Interviewer1", ["Thank you, that was the last of my questions for today."]),
    (["Q9"], "Interviewee1", ["Thank you for having me."]),
]


def test_a_coded_transcripts_print_reads_as_its_speakers_without_the_codes(tmp_path):
    """The codes over each name (`Q1`, `Q2.1`, a row of them across the page) are neither
    speakers nor said; a name near the top of most pages is not a running head; a paragraph
    with only a code over it goes on with its speaker."""
    script = load_script(coded_pdf(tmp_path / "coded.pdf", CODED), default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert [who for who, _ in turns] == ["Interviewer1", "Interviewee1"] * 6
    assert turns[3][1].endswith("surround them. So it is a lot of going back and forth with the client.")
    said = " ".join(t for _, t in turns)
    assert not re.search(r"Q\d|Data-|Misc|Interview 7|example\.com", said)
    assert {"a row of codes or tags (a coding tool's, over a paragraph)", "a running head or foot of the pages",
            "a note on the turn written like a label, not said"} <= {d.reason for d in script.dropped}


def test_a_two_page_pdf_loses_its_running_head_and_foot_but_keeps_the_title_under_the_head(tmp_path):
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class Pages(FPDF):
        def header(self):
            self.cell(0, 5, "Oral History of Jane Roe", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        def footer(self):
            self.set_y(-18)
            self.cell(0, 5, f"CHM Ref: X8812.2019   Computer History Museum   Page {self.page_no()} of 2", align="C")

    pdf = Pages(format="Letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Oral History of Jane Roe", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    turns = [("Hsu", "Where did you grow up, and when did you first see a computer?"),
             ("Roe", "In Dayton, Ohio. My father worked at NCR, and there were punched cards all over the house.")] * 8
    for who, said in turns:
        pdf.multi_cell(0, 6, f"{who}: {said} " * 3, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    pdf.output(str(tmp_path / "roe.pdf"))
    script = load_script(tmp_path / "roe.pdf", default_config())
    assert script.title == "Oral History of Jane Roe"
    said = [t.text for c in script.chapters for t in c.turns]
    assert len(said) == len(turns) and not any("CHM Ref" in t or "Oral History" in t for t in said)


def test_a_pdf_without_indents_runs_full_lines_on_and_finds_its_headings(tmp_path):
    """A Word file's PDF: no indented paragraphs, a space before each heading; a line after a
    full one that ends no sentence goes on with it (`Tom: ...` there is a quotation, not Tom's
    turn), and a short line after a space is a chapter's heading."""
    from fpdf import FPDF

    rows = ["A Life in Boats", "", "The first boat", "",
            "Ana: When did you first go out on the water, and who took you there, all those years ago?",
            "Tom: My uncle took me out on a Sunday when I was seven. He said one thing to me that I",
            "remember better than anything in school, and I have said it since to every student I told",
            "Tom: keep your weight low and your eyes on the horizon. That was the whole lesson.",
            "Ana: And did it work?", "Tom: It did. I was never seasick again.", "", "The shed", "",
            "Ana: Tell me about the shed where you work now, and how you came to build your boats there.",
            "Tom: It was my uncle's too. I took it over when he retired and never changed the door."]
    pdf = FPDF(format="Letter")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for n, row in enumerate(rows):
        pdf.set_xy(20, 20 + n * 6)
        pdf.cell(0, 5, row)
    pdf.output(str(tmp_path / "boats.pdf"))
    script = load_script(tmp_path / "boats.pdf", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert script.title == "A Life in Boats"
    assert [c.title for c in script.chapters] == ["The first boat", "The shed"]
    said = [(names[t.speaker], t.text[:20]) for t in script.chapters[0].turns]
    assert said == [("Ana", "When did you first g"), ("Tom", "My uncle took me out"), ("Ana", "And did it work?"),
                    ("Tom", "It did. I was never ")]
    assert "every student I told Tom: keep your weight low" in script.chapters[0].turns[1].text


TRIAL_ROWS = [  # a district court's trial: a caption box, a witness index, then `Q.`/`A.` flush left
    (20, "UNITED STATES DISTRICT COURT"), (20, "FOR THE DISTRICT OF NOWHERE"),
    (0, "UNITED STATES OF AMERICA,        )  Criminal Action"), (12, "Plaintiff,           )  No. 22-15"),
    (0, "vs.                              )"), (0, "JOHN R. MILLER,                  )  Springfield"),
    (12, "Defendant.           )  October 3, 2023"), (20, "TRANSCRIPT OF JURY TRIAL - DAY 4"), (0, ""), (0, ""), (0, ""), (0, ""),
    (25, "I N D E X"), (0, "WITNESS                         DIRECT   CROSS"), (0, "SARAH KLEIN"),
    (4, "By Ms. Rakoczy                   5"), (4, "By Mr. Fischer                           14"), *[(0, "")] * 7,
    (25, "P R O C E E D I N G S"), (10, "THE COURT: Good morning. Are we ready for the jury?"),
    (10, "MS. RAKOCZY: We are, Your Honor. The government calls"), (0, "Sarah Klein."),
    (10, "THE WITNESS: Sarah Klein, S-A-R-A-H, K-L-E-I-N."), (30, "DIRECT EXAMINATION"), (0, "BY MS. RAKOCZY:"),
    (0, "Q.   Good morning, Ms. Klein."), (0, "A.   Good morning."), (0, "Q.   Where do you work?"),
    (0, "A.   I'm a special agent with the FBI, assigned to the"), (0, "Washington field office."),
    (10, "MR. FISCHER: Objection, Your Honor. Relevance."), (10, "THE COURT: Overruled."),
    (10, "THE WITNESS: Eleven years this past June."), (0, "BY MS. RAKOCZY:"), (0, "Q.   And what did you find?"),
    (0, "A.   Messages between the defendant and two others."),
]


def test_a_trial_record_reads_its_flush_questions_and_answers_as_the_witness(tmp_path):
    """A trial's record: speakers' paragraphs indented, a lawyer's `Q.` and the witness's `A.`
    flush with the text's edge (each starts a turn), the witness also `THE WITNESS:` (one speaker),
    an index of witnesses (a page not said) and a caption box's column of brackets (not said)."""
    script = load_script(court_pdf(tmp_path / "trial.pdf", TRIAL_ROWS), default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert turns[1:] == [
        ("The Court", "Good morning. Are we ready for the jury?"),
        ("Ms. Rakoczy", "We are, Your Honor. The government calls Sarah Klein."),
        ("The Witness", "Sarah Klein, S-A-R-A-H, K-L-E-I-N."), ("Ms. Rakoczy", "Good morning, Ms. Klein."),
        ("The Witness", "Good morning."), ("Ms. Rakoczy", "Where do you work?"),
        ("The Witness", "I'm a special agent with the FBI, assigned to the Washington field office."),
        ("Mr. Fischer", "Objection, Your Honor. Relevance."), ("The Court", "Overruled."),
        ("The Witness", "Eleven years this past June."), ("Ms. Rakoczy", "And what did you find?"),
        ("The Witness", "Messages between the defendant and two others.")]
    assert turns[0][0] == "Narrator" and ")" not in turns[0][1] and "KLEIN" not in turns[0][1]
    assert any(d.reason == "the table of contents" for d in script.dropped)  # the index of witnesses


def test_a_pdf_line_in_lower_case_with_a_colon_after_an_unfinished_one_goes_on_with_it(tmp_path):
    """`…Da müssen zwei Sachen zusammen` / `treffen: zum einen…`: a wrapped sentence whose next
    line starts with a word and a colon is the same turn; a short label in lower case (`s:`) is not."""
    rows = ["I: Erzähl mir von einem schwierigen Review.",
            "B: Ein Review, mit dem ich Probleme habe. Da müssen zwei Sachen zusammen",
            "treffen: zum einen muss der Code schlecht sein, was man natürlich nicht hofft.",
            "I: Und zum anderen?", "B: Dass ich den Kollegen sehr mag."]
    script, names = _rows_pdf(tmp_path / "review.pdf", [rows])
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert [who for who, _ in turns] == ["Interviewer", "B", "Interviewer", "B"]  # `I:`, a research interview's code
    assert turns[1][1].endswith("Da müssen zwei Sachen zusammen treffen: zum einen muss der Code schlecht sein, "
                                "was man natürlich nicht hofft.")


def test_a_pdf_of_paragraphs_a_blank_line_apart_under_a_centred_title_reads_each_paragraph(tmp_path):
    """An oral history's PDF: a centred title block (the only indented lines), then paragraphs
    flush left with a blank line between; each paragraph is a turn, on every page."""
    from fpdf import FPDF

    paragraphs = [("ROSS: ", "Today is March 14th, 2006. This oral history is being conducted with Margaret Ellis "
                   "in Houston, Texas. Thanks again for joining us today."),
                  ("ELLIS: ", "Thank you for having me. It's a pleasure to talk about those years."),
                  ("ROSS: ", "How did you become interested in working for the space program?"),
                  ("ELLIS: ", "I grew up in Ohio, and my father took me to see a launch on a neighbour's television. "
                   "After that I wanted to be an engineer, although girls were not encouraged to study mathematics.")] * 3
    pdf = FPDF(format="Letter")
    pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(False)
    y = 300.0
    for k, (label, words) in enumerate(paragraphs):
        if y > 230:
            pdf.add_page()
            y = 20
            if k == 0:
                for title in ("JOHNSON SPACE CENTER ORAL HISTORY PROJECT", "EDITED ORAL HISTORY TRANSCRIPT",
                              "MARGARET A. ELLIS", "INTERVIEWED BY ANN ROSS", "HOUSTON, TEXAS - 14 MARCH 2006"):
                    pdf.set_xy(20, y)
                    pdf.cell(170, 6, title, align="C")
                    y += 6
                y += 6
        text = label + words
        while text:
            cut = len(text) if len(text) <= 90 else text.rfind(" ", 0, 90)
            pdf.set_xy(20, y)
            pdf.cell(0, 6, text[:cut])
            text, y = text[cut:].lstrip(), y + 6
        y += 6
    pdf.output(str(tmp_path / "ellis.pdf"))
    script = load_script(tmp_path / "ellis.pdf", default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert turns == [(label.rstrip(": ").title(), words) for label, words in paragraphs]


def _table_pdf(path: Path, rows: list[tuple[str, str, str]], widths=(0, 30, 80)) -> Path:
    """A Word table of turns printed to PDF: a time cell (if any), the speaker's cell, the words
    wrapped in their own column; an empty speaker cell goes on with the speaker above."""
    import textwrap

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(15, 15)
    pdf.cell(0, 6, "Interview with Ana Ruiz")
    y = 30.0
    time_x, speaker_x, words_x = 15, 15 + widths[0], 15 + widths[0] + widths[1]
    for when, who, said in rows:
        wrapped = textwrap.wrap(said, 70)
        for x, cell in ((time_x, when), (speaker_x, who)):
            if cell:
                pdf.set_xy(x, y)
                pdf.cell(20, 5, cell)
        for k, line in enumerate(wrapped):
            pdf.set_xy(words_x, y + 5 * k)
            pdf.cell(0, 5, line)
        y += 5 * len(wrapped) + 4
    pdf.output(str(path))
    return path


TABLE_ROWS = [("00:00:05", "Interviewer", "Thanks for meeting me today. Could you start by telling me where you grew up and "
               "what your family did there?"),
              ("00:00:12", "Ana Ruiz", "I grew up in Valencia, near the port. My father repaired wooden boats for the "
               "fishermen, and my mother kept the books."),
              ("", "", "My brother still lives there."),
              ("00:00:31", "Interviewer", "Did you help him in the yard?"),
              ("00:00:34", "Ana Ruiz", "Every summer, from the age of nine. I hated the smell of the varnish at first, "
               "and then I could not sleep without it.")]


@pytest.mark.parametrize("timed", [False, True])
def test_a_pdf_of_a_table_of_turns_reads_the_speaker_column_beside_the_words(tmp_path, timed):
    """Researchers lay interviews out as a Word table (who | what they said), maybe with a time
    column first, and print it: the left cell is the speaker, the words wrap in their column."""
    rows = [(when if timed else "", who, said) for when, who, said in TABLE_ROWS]
    script = load_script(_table_pdf(tmp_path / "table.pdf", rows, (22 if timed else 0, 35, 80)), default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("Interviewer", TABLE_ROWS[0][2]), ("Ana Ruiz", TABLE_ROWS[1][2] + " " + TABLE_ROWS[2][2]),
        ("Interviewer", TABLE_ROWS[3][2]), ("Ana Ruiz", TABLE_ROWS[4][2])]


# --- files that are not what kkaudio reads -------------------------------------------------------

def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize("name, content, message", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "is a Word 97-2003 (.doc)"),
    ("notes.odt", _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
     "is an OpenDocument file with no text body"),
    ("archive.zip", _zip({"a.txt": "hello"}), "is a ZIP archive, not a Word .docx"),
    ("interview.pages", _zip({"Index/Document.iwa": "\x00", "Metadata/Properties.plist": "<plist/>"}),
     "is an Apple Pages (or Numbers, Keynote) document: export it as Word (.docx), PDF or text"),
    ("turns.xlsx", _zip({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}),
     "is an Excel workbook that cannot be read"),
    ("episode.mp3", b"ID3\x04\x00" + b"\x00" * 100, "transcribe it first"),
    ("data.json", json.dumps({"users": [{"name": "a", "age": 3}]}).encode(), "is JSON, but not a transcript"),
    ("whisper.json", json.dumps({"segments": [{"start": 0, "text": "Hello there."},
                                              {"start": 2, "text": "Hi."}]}).encode(),
     "is a transcript in JSON without speakers"),
    ("broken.json", b'{"utterances": [', "is not valid JSON"),
    ("numbers.csv", b"a,b,c\n1,2,3\n4,5,6\n", "is a table (CSV) but not a table of turns"),
    ("bad.pdf", b"%PDF-1.4\n garbage", "is a PDF that cannot be read"),
    ("damaged.docx", b"\xff" * 16154, "is named .docx but is not a Word document: the file is damaged"),
    ("~$interview.docx", b"\x0bJane Doe" + b"\x00" * 150, "is the lock file Word or WPS keeps beside an open document"),
    ("empty.rtf", b"{\\rtf1\\ansi{\\fonttbl\\f0\\fnil Calibri;}\\pard\\par}", "is an RTF document with no text in it"),
])
def test_files_kkaudio_cannot_read_are_one_line_errors_saying_what_they_are(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ScriptError, match=re.escape(message)) as info:
        load_script(path, default_config())
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_captions_whose_changes_of_speaker_name_nobody_say_how_to_name_them_once(tmp_path):
    cues = [">> Welcome back. Today we talk about radios.", "My guest has fixed a thousand of them.",
            ">> Thanks for having me.", ">> What was wrong with the first one?", ">> Two dead valves."]
    sbv = "".join(f"0:00:{2 * k:02d}.000,0:00:{2 * k + 2:02d}.000\n{text}\n\n" for k, text in enumerate(cues))
    path = tmp_path / "radios.sbv"
    path.write_text(sbv, encoding="utf-8")
    with pytest.raises(NoDialogueError, match=r"\(4 unnamed changes of speaker\).*name each speaker where their turn is first marked \(`>> ALICE"):
        load_script(path, default_config())
    path.write_text(sbv.replace(">> Welcome", ">> ANA RUIZ: Welcome").replace(">> Thanks", ">> TOM REED: Thanks"),
                    encoding="utf-8")
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text[:12]) for c in script.chapters for t in c.turns] == [
        ("Ana Ruiz", "Welcome back"), ("Tom Reed", "Thanks for h"), ("Ana Ruiz", "What was wro"), ("Tom Reed", "Two dead val")]


def test_a_dialogue_dash_after_a_cues_first_hands_the_turn_back(tmp_path):
    cues = ["ANA RUIZ: The bell rang twice tonight.", "TOM REED: I heard it from the cellar.",
            "- Who was at the door?\n- Only the postman.", "ANA RUIZ: At this hour? Strange."]
    srt = "".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 2:02d},000\n{text}\n\n" for k, text in enumerate(cues))
    (tmp_path / "door.srt").write_text(srt, encoding="utf-8")
    script = load_script(tmp_path / "door.srt", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("Ana Ruiz", "The bell rang twice tonight."),
        ("Tom Reed", "I heard it from the cellar. Who was at the door?"),  # the first dash may go on
        ("Ana Ruiz", "Only the postman. At this hour? Strange."),
    ]


def test_speakers_named_once_after_dialogue_dashes_take_turns_as_the_dashes_say(tmp_path):
    """Captions whose dashes mark every change of speaker, each speaker named at their first (`- ANNA: …`,
    `- TOM: …` in the first cue), then bare: the refusal's own advice, followed, gives the turns (refused before:
    a cue's first dash was no change of speaker, so ANNA was not a name after one)."""
    cues = ["- ANNA: Welcome back to the show.\n- TOM: Thanks for having me.", "- So how did the bees start?\n- My neighbour had a hive.",
            "- And you never stopped?\n- I never stopped."]
    srt = "".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 2:02d},000\n{text}\n\n" for k, text in enumerate(cues))
    (tmp_path / "bees.srt").write_text(srt, encoding="utf-8")
    script = load_script(tmp_path / "bees.srt", default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("Anna", "Welcome back to the show."), ("Tom", "Thanks for having me. So how did the bees start?"),  # a cue's
        ("Anna", "My neighbour had a hive. And you never stopped?"), ("Tom", "I never stopped.")]  # first dash goes on


@pytest.mark.parametrize("name, content, message", [
    ("auto.srv1", '<?xml version="1.0"?><transcript><text start="0.5" dur="3">welcome back to the show</text>'
     '<text start="3.5" dur="3">today we talk about radios</text></transcript>',
     r"\(YouTube timed text \(XML\), 2 cues\) without speaker names: YouTube names no voices in it"),
    ("broken.json3", '{"wireMagic": "pb3", "events": [', r"is a YouTube timed-text file \(json3\) that is not valid JSON"),
])
def test_youtube_timed_text_that_names_nobody_or_is_broken_says_so(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScriptError, match=message) as info:
        load_script(path, default_config())
    assert "\n" not in str(info.value)


def test_captions_without_speakers_say_so_and_init_makes_one_voice_read_them(tmp_path):
    path = tmp_path / "talk.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nWelcome to the show.\n\n"
                    "2\n00:00:03,500 --> 00:00:06,000\nToday: gardens on roofs.\n", encoding="utf-8")
    with pytest.raises(NoDialogueError, match=r"is a subtitle file \(SRT captions, 2 cues\) without speaker names"):
        load_script(path, default_config())
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(path)])
    assert result.exit_code == 0, result.output
    sidecar = (tmp_path / "talk.srt.yaml").read_text(encoding="utf-8")
    assert "reads_all: speaker" in sidecar
    (tmp_path / "talk.srt.yaml").write_text(sidecar.replace("name: Speaker", "name: Wen Li"), encoding="utf-8")
    result = runner.invoke(cli, ["script", str(path)])
    assert result.exit_code == 0, result.output
    script = json.loads(result.stdout)
    assert script["speakers"] == {"speaker": {"name": "Wen Li", "role": "host"}}
    assert [t["text"] for t in script["chapters"][0]["turns"]] == ["Welcome to the show. Today: gardens on roofs."]


def test_timed_text_without_agents_and_broken_xml_are_one_line_errors(tmp_path):
    path = tmp_path / "talk.ttml"
    path.write_text('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s">Welcome.</p>'
                    '<p begin="2s">Today: gardens on roofs.</p></div></body></tt>', encoding="utf-8")
    with pytest.raises(NoDialogueError, match=r"\(Timed Text \(TTML\), 2 paragraphs\) without speaker names: "
                                              r"no ttm:agent on its paragraphs"):
        load_script(path, default_config())
    path.write_text('<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="1s">Welcome.', encoding="utf-8")
    with pytest.raises(ScriptError, match=r"is a Timed Text \(TTML\) file that is not well-formed XML") as info:
        load_script(path, default_config())
    assert "\n" not in str(info.value)


def test_timed_text_words_in_spans_of_their_own_are_a_space_apart(tmp_path):
    """Apple's transcripts may write a span per word and nothing between them."""
    path = tmp_path / "apple.ttml"
    words = "".join(f'<span podcasts:unit="word">{w}</span>' for w in ["Joe", "Rogan,", "welcome."])
    han = "".join(f'<span podcasts:unit="word">{w}</span>' for w in ["你好", "世界。"])
    path.write_text('<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
                    'xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal"><body><div>'
                    f'<p begin="1.98" ttm:agent="SPEAKER_1"><span podcasts:unit="sentence">{words}</span></p>'
                    f'<p begin="4" ttm:agent="SPEAKER_2">{han}</p></div></body></tt>', encoding="utf-8")
    doc = read_document(path)
    assert [(ln.speaker, ln.plain, ln.start) for ln in doc.lines] == [
        ("Speaker 1", "Joe Rogan, welcome.", 1.98), ("Speaker 2", "你好世界。", 4.0)]


def test_substation_subtitles_without_actors_say_what_is_missing(tmp_path):
    path = tmp_path / "talk.ass"
    path.write_text("[Script Info]\nTitle: Talk\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, "
                    "MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,Welcome.\n"
                    "Dialogue: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,Today: gardens on roofs.\n", encoding="utf-8")
    with pytest.raises(NoDialogueError, match=r"\(SubStation Alpha subtitles, 2 events\) without speaker names: "
                                              r"no actor in its events' Name field"):
        load_script(path, default_config())


def _cues(texts: list[str]) -> str:
    return "WEBVTT\n\n" + "".join(f"00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{t}\n\n" for i, t in enumerate(texts))


def test_captions_of_a_word_a_cue_are_running_text_not_a_name_a_line(tmp_path):
    """Karaoke's or a speech-to-text tool's word captions: no single word is taken for a speaker's
    name alone on its line; without speakers they are the clear error any such captions are, and a
    cue of Chinese words (no spaces in it) is not taken for one word."""
    words = "So what I thought would be most productive is to answer a question I have never answered.".split()
    path = tmp_path / "words.vtt"
    path.write_text(_cues(words), encoding="utf-8")
    doc = read_document(path)
    assert [(ln.plain, ln.start) for ln in doc.lines] == [(" ".join(words), 0.0)]
    with pytest.raises(NoDialogueError, match=r"\(WebVTT captions, 17 cues\) without speaker names"):
        load_script(path, default_config())
    path.write_text(_cues(["我们", "今天", "聊聊", "养蜂。", "你", "好"] * 2), encoding="utf-8")
    assert [ln.plain for ln in read_document(path).lines] == ["我们今天聊聊养蜂。你好我们今天聊聊养蜂。你好"]
    path.write_text(_cues(["张三：我们今天聊聊养蜂。", "李四：好的，从哪里说起？"] * 4), encoding="utf-8")
    assert len(read_document(path).lines) == 8


@pytest.mark.parametrize("coloured", ['<c.yellow>{}</c>', '<font color="#ffff00">{}</font>', "{{\\c&H00FFFF&}}{}"])
def test_captions_whose_colour_is_the_speaker_read_each_colour_as_one(tmp_path, coloured):
    plain = ["Good evening.", "Thanks for having me.", "Where were you in March?", "On the coast road.", "And now?",
             "Still there."]
    path = tmp_path / "news.vtt"
    path.write_text(_cues([coloured.format(t) if i % 2 else t for i, t in enumerate(plain)]), encoding="utf-8")
    script = load_script(path, default_config())
    turns = [(script.speaker(t.speaker).name, t.text) for c in script.chapters for t in c.turns]
    assert turns == [(f"Speaker {1 + i % 2}", t) for i, t in enumerate(plain)]
    # one colour throughout, or a colour on one cue of six (emphasis), tells no speakers apart
    for texts in ([coloured.format(t) for t in plain], [coloured.format(t) if i == 3 else t for i, t in enumerate(plain)]):
        path.write_text(_cues(texts), encoding="utf-8")
        with pytest.raises(NoDialogueError, match="without speaker names"):
            load_script(path, default_config())


@pytest.mark.parametrize("name, encoding", [("zh-gbk.txt", "GB18030"), ("zh-hant-big5.txt", "Big5"),
                                            ("utf16.txt", "UTF-16")])
def test_text_in_other_encodings_is_read_and_the_encoding_named(name, encoding):
    doc = read_document(CORPUS / name)
    assert f" in {encoding}" in doc.described
    assert load_script(CORPUS / name, default_config()).chapters[0].turns


def test_json_and_caption_turns_keep_where_they_start_in_the_recording():
    whisperx = load_script(CORPUS / "whisperx.json", default_config())
    assert [t.start for t in whisperx.chapters[0].turns][:3] == [0.52, 4.3, 6.4]
    teams = load_script(CORPUS / "teams.vtt", default_config())
    assert teams.chapters[0].turns[1].start == pytest.approx(8.9)
    result = CliRunner().invoke(cli, ["script", str(CORPUS / "whisperx.json")])
    assert json.loads(result.stdout)["chapters"][0]["turns"][1] == {
        "speaker": "speaker_1", "text": "Thanks, it's good to be here.", "start": 4.3}



def test_bare_integer_times_are_in_one_unit_for_the_whole_list(tmp_path):
    """FunASR's sentences in milliseconds start at 370 and at 1600: both milliseconds; a long
    recording timed in whole seconds (1200, 1210) stays in seconds."""
    path = tmp_path / "funasr.json"
    said = ["你好，欢迎来到节目。", "谢谢邀请。", "我们先聊聊你的新书。", "好的，这本书写了三年。"]
    path.write_text(json.dumps([{"key": "talk", "sentence_info": [
        {"text": t, "start": 370 + 1300 * i, "end": 1500 + 1300 * i, "timestamp": [[370, 500]], "spk": i % 2}
        for i, t in enumerate(said)]}], ensure_ascii=False), encoding="utf-8")
    assert [t.start for t in load_script(path, default_config()).chapters[0].turns] == [0.37, 1.67, 2.97, 4.27]
    path.write_text(json.dumps({"segments": [{"speaker": f"S{i % 2}", "text": t, "start": 1200 + 10 * i,
                                              "end": 1208 + 10 * i} for i, t in enumerate(said)]},
                               ensure_ascii=False), encoding="utf-8")
    assert [t.start for t in load_script(path, default_config()).chapters[0].turns] == [1200, 1210, 1220, 1230]


def test_opaque_speaker_ids_are_numbered_in_the_order_they_are_first_heard(tmp_path):
    ids = ["9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "0a0b0c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"]
    said = ["Shall we begin?", "Yes, go ahead.", "Then the first question.", "I am ready."]
    path = tmp_path / "call.json"
    path.write_text(json.dumps({"segments": [{"speaker": ids[i % 2], "text": t, "start": i * 2.0}
                                             for i, t in enumerate(said)]}), encoding="utf-8")
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [names[t.speaker] for t in script.chapters[0].turns] == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2"]


def test_a_name_written_as_an_identifier_is_shown_as_a_name(tmp_path):
    """Tools that let a user name the voices may write the names as identifiers (Randy_Yates)."""
    path = tmp_path / "call.json"
    said = [("Randy_Yates", "Thanks for having me over."), ("Client", "Glad you came."),
            ("Randy_Yates", "Shall we start with the kitchen?"), ("new_caller", "Sure.")]
    path.write_text(json.dumps([{"speaker": who, "transcript": t} for who, t in said]), encoding="utf-8")
    script = load_script(path, default_config())
    assert [s.name for s in script.speakers] == ["Randy Yates", "Client", "new_caller"]
    assert script.speakers[0].gender == "male"



def turns_workbook(path: Path, header: bool = True) -> Path:
    """An Excel workbook as a researcher keeps an interview: a notes sheet first, then time,
    speaker and words (times of day as Excel stores them)."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Recorded at the boatyard, spring 2024."])
    sheet = book.create_sheet("Interview")
    if header:
        sheet.append(["Time", "Speaker", "Text"])
    for seconds, who, text in [(3, "Ana Ruiz", "When did you build your first boat?"),
                               (9, "Tom Berg", "At fifteen, with my uncle. It leaked for a week."),
                               (17, "Ana Ruiz", "And after the week?"),
                               (21, "Tom Berg", "The planks swelled shut. It floated for forty years.")]:
        sheet.append([datetime.time(0, seconds // 60, seconds % 60), who, text])
    book.save(path)
    return path


@pytest.mark.parametrize("header", [True, False])
def test_an_excel_workbooks_sheet_of_turns_is_read_with_its_times(tmp_path, header):
    script = load_script(turns_workbook(tmp_path / "boats.xlsx", header), default_config())
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text[:14], t.start) for c in script.chapters for t in c.turns]
    assert turns == [("Ana Ruiz", "When did you b", 3.0), ("Tom Berg", "At fifteen, wi", 9.0),
                     ("Ana Ruiz", "And after the ", 17.0), ("Tom Berg", "The planks swe", 21.0)]
    assert script.source == "an Excel sheet of turns (Interview), 4 rows"
    misnamed = tmp_path / "boats.docx"  # a workbook under another name is still read as one
    misnamed.write_bytes((tmp_path / "boats.xlsx").read_bytes())
    assert len(load_script(misnamed, default_config()).chapters[0].turns) == 4


def test_an_excel_workbook_without_turns_says_so(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Item", "Price"])
    book.active.append(["Bread", 3.5])
    book.save(tmp_path / "prices.xlsx")
    with pytest.raises(ScriptError, match="is an Excel workbook with no sheet of turns"):
        load_script(tmp_path / "prices.xlsx", default_config())


# --- each kind end to end ------------------------------------------------------------------------

KINDS = {  # a file of each kind podcasters bring, rendered as a new user would: no config at all
    "pdf": lambda tmp: court_pdf(tmp / "argument.pdf"),
    "pdf-real": lambda tmp: _copy(DATA / "transcripts" / "real" / "en-scotus-argument-2012.pdf", tmp),
    "docx": lambda tmp: interview_docx(tmp / "orchids.docx"),
    "stt-json": lambda tmp: _copy(CORPUS / "assemblyai-words-zh.json", tmp),
    "stt-json-real": lambda tmp: _copy(DATA / "transcripts" / "real" / "en-deepgram-spacewalk.json", tmp),
    "zoom-vtt": lambda tmp: _copy(CORPUS / "zoom-orgs.vtt", tmp),
    "teams-vtt": lambda tmp: _copy(CORPUS / "teams.vtt", tmp),
    "srt": lambda tmp: _copy(CORPUS / "broadcast.srt", tmp),
    "stt-lines": lambda tmp: _copy(CORPUS / "zh-stt-lines.txt", tmp),
    "gbk": lambda tmp: _copy(CORPUS / "zh-gbk.txt", tmp),
    "sdh-srt": lambda tmp: _copy(CORPUS / "sdh-captions.srt", tmp),
    "bilingual-ass": lambda tmp: _copy(CORPUS / "fansub-bilingual.ass", tmp),
    "ttml": lambda tmp: _copy(CORPUS / "apple-podcasts.ttml", tmp),
    "csv": lambda tmp: _copy(CORPUS / "turns-table.csv", tmp),
    "iflytek-json": lambda tmp: _copy(CORPUS / "iflytek-lfasr.json", tmp),
    "rtf": lambda tmp: _copy(CORPUS / "textedit-zh.rtf", tmp),
    "odt": lambda tmp: _copy(CORPUS / "libreoffice-boats.odt", tmp),
    "xlsx": lambda tmp: turns_workbook(tmp / "boats.xlsx"),
}


def _copy(path: Path, folder: Path) -> Path:
    return Path(shutil.copy(path, folder / path.name))


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_file_renders_end_to_end_with_espeak_and_no_config(isolated, kind):
    import miniaudio
    import mutagen

    seed = KINDS[kind](isolated)
    assert not (isolated / "voices.yaml").exists()
    out = isolated / "out"
    result = CliRunner().invoke(cli, ["render", str(seed), "--engine", "espeak", "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    script = load_script(seed, default_config())
    slug = script.slug
    episode = out / slug / f"{slug}.mp3"
    decoded = miniaudio.decode(episode.read_bytes(), nchannels=1, sample_rate=22050)
    segments = json.loads((out / slug / "transcript.json").read_text(encoding="utf-8"))["segments"]
    assert abs(decoded.duration - segments[-1]["endTime"]) < 2.0
    assert {s["speaker"] for s in segments} == {s.name for s in script.speakers if s.turns}
    said = "".join(t.text for c in script.chapters for t in c.turns)
    assert re.sub(r"\s", "", "".join(s["body"] for s in segments)) == re.sub(r"\s", "", said)
    assert len(mutagen.File(episode).tags.getall("CHAP")) == len(script.chapters)


# --- real transcripts of every kind --------------------------------------------------------------

def test_real_transcripts_of_every_kind_give_their_annotated_turns():
    """The reader on real published files (tests/data/transcripts/real/, turns annotated by hand):
    at least 98% of turns with the right speaker and words, and every kind of file represented."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_transcripts", DATA.parent.parent / "bench" / "transcripts.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    files = [f for f in bench.corpus(CORPUS / "real") if f[0].exists()]  # (the seed is scored from seeds/)
    assert {p.suffix for p, _ in files} >= {".md", ".txt", ".pdf", ".json", ".vtt"}
    ok = total = 0
    for path, expected in files:
        got, note = bench.score(path, expected)
        assert not note.startswith("refused"), f"{path.name}: {note}"
        ok, total = ok + got, total + len(expected)
    assert ok >= 0.98 * total


def test_a_video_calls_display_names_are_labels_however_people_wrote_them(tmp_path):
    """Zoom's `Name: words` cues, with names as people set them: an organisation in brackets,
    after a bar or a dash, a handle in lower case or with digits, letters beyond ASCII, particles;
    a one-word cue (`Howdy.`) is a turn too."""
    said = [("Tim Beiko", "Okay, let's get started."), ("Felix (Geth)", "Howdy."),
            ("Derek Chiang | ZeroDev", "We pushed the fix yesterday."), ("lightclient", "I think that works for us."),
            ("pk910", "Devnet is up and running now."), ("Ansgar Dietrichs (EF)", "Can we talk about the blob schedule?"),
            ("Łukasz Rozmej", "Nethermind is ready."), ("Marius van der Wijden", "Geth too, mostly."),
            ("Ben Adams - Nethermind", "We need one more week."), ("danceratopz", "Tests are passing."),
            ("Tim Beiko", "Great, anything else?"), ("lightclient", "Just one thing on the spec."),
            ("Justin Florentine (Besu)", "Besu is also ready."), ("Tim Beiko", "Thanks everyone, see you next week.")]
    path = tmp_path / "call.vtt"
    path.write_text("WEBVTT\n\n" + "".join(f"{i + 1}\n00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{who}: {text}\n\n"
                                          for i, (who, text) in enumerate(said)), encoding="utf-8")
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        (re.sub(r"\s*(?:\(.*\)|[|-] .*)$", "", who), text) for who, text in said]


@pytest.mark.parametrize("cue", ["- {n}: {t}", "({n}) {t}", "[{n}] {t}", ">> {N}: {t}", "<v.loud {n}>{t}</v>", "【{n}】{t}"])
def test_caption_cues_name_their_speaker_however_it_is_set_off(cue, tmp_path):
    """A dialogue dash before `Name:`, a given name in brackets as captions for the deaf and hard
    of hearing write it in mixed case (`(Alice) Welcome back.`; `(Sighs)` is no one), brackets,
    `>>`, a voice tag with a class."""
    said = [("Alice", "Welcome back to the show."), ("Bob", "Glad to be here."), ("Alice", "Tell us about the garden."),
            ("Bob", "It started with one tomato."), ("Alice", "And now?"), ("Bob", "Half an acre.")]
    path = tmp_path / "garden.vtt"
    path.write_text("WEBVTT\n\n" + "".join(f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n"
                                          f"{cue.format(n=n, N=n.upper(), t=t)}\n\n" for i, (n, t) in enumerate(said)),
                    encoding="utf-8")
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == said


def test_json_whose_times_are_offsets_in_milliseconds_and_whose_words_are_one_string(tmp_path):
    """Otter's `start_offset` in milliseconds (named speakers in a list of their own), NeMo's
    diarized sentences with their text under `words` as one string."""
    said = ["Welcome back to the show.", "Glad to be here.", "Tell us about the garden.", "It started with one tomato."]
    otter = {"speakers": [{"id": 1, "name": "Maria Lopez"}, {"id": 2, "name": "Tom Reed"}],
             "transcripts": [{"speaker_id": 1 + i % 2, "start_offset": 2000 * i, "end_offset": 2000 * i + 1500,
                              "transcript": t} for i, t in enumerate(said)]}
    nemo = {"sentences": [{"speaker": f"speaker_{i % 2}", "start_time": 2.0 * i, "end_time": 2.0 * i + 1.5, "words": t}
                          for i, t in enumerate(said)]}
    for name, data, speakers in (("otter.json", otter, ["Maria Lopez", "Tom Reed"]),
                                 ("nemo.json", nemo, ["Speaker 0", "Speaker 1"])):
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        script = load_script(path, default_config())
        names = {s.id: s.name for s in script.speakers}
        turns = [(names[t.speaker], t.text, t.start) for c in script.chapters for t in c.turns]
        assert turns == [(speakers[i % 2], t, 2.0 * i) for i, t in enumerate(said)], name


@pytest.mark.parametrize("header, cell", [("Timecode", "[00:00:{s:02d}]"), ("Start Time", "00:00:{s:02d}"), ("TC", "00:00:{s:02d}"),
                                          ("Start Time", "00:00:{s:02d}:12"), ("TC", "00:00:{s:02d};29")])
def test_a_table_of_turns_keeps_its_start_times_whatever_the_time_column_is_called(header, cell, tmp_path):
    """Sonix's `Timecode` column in brackets, a `Start Time`, an editor's `TC`, a video editor's
    timecode with its frames (Premiere's `00:00:04:12`, `;` before dropped frames)."""
    said = [("Maria Lopez", "Welcome to the show."), ("Tom Reed", "Thanks for having me."),
            ("Maria Lopez", "How did you start?"), ("Tom Reed", "My father built boats.")]
    path = tmp_path / "boats.csv"
    path.write_text(f"{header},Speaker,Transcript\n" + "".join(f"{cell.format(s=2 * i)},{who},{text}\n"
                                                             for i, (who, text) in enumerate(said)), encoding="utf-8")
    script = load_script(path, default_config())
    assert [t.start for c in script.chapters for t in c.turns] == [0.0, 2.0, 4.0, 6.0]
