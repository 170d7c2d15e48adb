"""Markdown bodies: formatted, and never carrying script."""
from portal.richtext import render


def test_markdown_is_rendered():
    html = render("## Apa itu SKP?\n\n**Sasaran** kinerja\n\n- RHK\n- IKI\n\n[PermenPANRB](https://jdih.menpan.go.id)")
    assert "<h2>Apa itu SKP?</h2>" in html
    assert "<strong>Sasaran</strong>" in html
    assert "<li>RHK</li>" in html
    assert 'href="https://jdih.menpan.go.id"' in html and 'rel="noopener noreferrer"' in html


def test_script_event_handlers_and_javascript_links_are_removed():
    html = render('Halo <script>alert("x")</script>\n\n'
                  '<img src="x.png" onerror="alert(1)">\n\n'
                  '<a href="javascript:alert(1)">klik</a> [lagi](javascript:alert(2)) '
                  '[data](data:text/html;base64,PHNjcmlwdD4=)\n\n'
                  '<p onclick="steal()" style="color:red">teks</p>\n\n'
                  '<iframe src="https://evil.example"></iframe><style>body{}</style>'
                  '<svg onload="alert(3)"></svg>')
    lowered = html.lower()
    for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "data:text", "<iframe",
                "<style", "style=", "<svg", "onload"):
        assert bad not in lowered, (bad, html)
    assert "Halo" in html and "klik" in html and "teks" in html
    assert '<img src="x.png">' in html


def test_empty_body():
    assert render("") == "" and render(None) == ""
