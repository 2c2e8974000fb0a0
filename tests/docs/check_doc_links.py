#!/usr/bin/python3
"""The documentation stands alone (issue 17): every link in the repository's Markdown pages
(README.md, docs/, notes/, the READMEs under tests/) points inside the repository, at a file
that exists and, for `page.md#anchor`, at a heading of that page; no page names a path above the
repository (`../shared/...`, which a clone lacks) or an absolute path on the machine that wrote
it (`/work/...`), in a link or in a code span.

usage: check_doc_links.py [REPO_ROOT]   (default: two folders above this script)
Prints each broken link with its page and line and exits 1 if there is one."""
import os
import re
import sys

SKIP_TOP = {"build", "output", "test_tmp"}  # build trees, run outputs, test scratch at the root
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HTML_REF = re.compile(r"""<(?:img|a)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# A code span that names a place outside the repository: a path starting with ../ (from
# README.md or docs/ that leaves the repository or reaches ../shared), or this machine's /work.
OUTSIDE_SPAN = re.compile(r"(?:^|[\s(=])((?:\.\./)+[\w.-][^\s`'\")]*|/work/[^\s`'\")]*)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def walk(root):
    """(folders, Markdown pages) of the repository, relative to root, sorted."""
    dirs, out = [], []
    for d, subdirs, files in os.walk(root):
        top = os.path.samefile(d, root)
        subdirs[:] = sorted(s for s in subdirs
                            if not s.startswith(".") and not (top and s in SKIP_TOP))
        dirs.append(os.path.relpath(d, root))
        out += [os.path.relpath(os.path.join(d, f), root) for f in files if f.endswith(".md")]
    return sorted(dirs), sorted(out)


def names_a_repository_file(root, dirs, path):
    """True when a relative path written in a code span reaches a file of the repository from
    one of its folders (`../baseline.toml` as scenarios/policies/ sees it)."""
    for d in dirs:
        full = os.path.normpath(os.path.join(root, d, path))
        if not os.path.relpath(full, root).startswith("..") and os.path.exists(full):
            return True
    return False


def slug(heading):
    """GitHub's anchor of a heading: lower case, markup and punctuation dropped (except - and _),
    spaces to hyphens."""
    text = re.sub(r"`([^`]*)`", r"\1", heading.strip())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    """The anchors a page defines: its headings (duplicates numbered as GitHub does) and any
    explicit id= or name= of an HTML tag."""
    if path not in cache:
        seen, out = {}, set()
        fence = False
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.lstrip().startswith(("```", "~~~")):
                    fence = not fence
                m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m and not fence:
                    s = slug(m.group(1))
                    n = seen.get(s, 0)
                    seen[s] = n + 1
                    out.add(s if n == 0 else f"{s}-{n}")
                out.update(re.findall(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""", line))
        cache[path] = out
    return cache[path]


def targets(text):
    """(line number, target, is_code_span) of every link and every code span that names a place
    outside the repository, outside fenced code blocks (those are shell sessions and output)."""
    out, fence = [], False
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        for m in OUTSIDE_SPAN.finditer(line if fence else " ".join(CODE_SPAN.findall(line))):
            out.append((n, m.group(1), True))
        if fence:
            continue
        prose = CODE_SPAN.sub("", line)
        for pattern in (LINK, HTML_REF):
            out += [(n, m.group(1), False) for m in pattern.finditer(prose)]
        m = REF_DEF.match(prose)
        if m:
            out.append((n, m.group(1), False))
    return out


def problem(root, dirs, page, target, is_code_span):
    """Why a link (or a code span naming a path) of page is broken, or None."""
    if SCHEME.match(target):
        return None  # a web address (a source's page): not a file of the repository
    path, _, frag = target.partition("#")
    if path.startswith("/"):
        return "an absolute path: a clone of the repository lacks it"
    here = os.path.dirname(os.path.join(root, page))
    full = os.path.normpath(os.path.join(here, path)) if path else os.path.join(root, page)
    if is_code_span:
        if names_a_repository_file(root, dirs, path):
            return None
        return "a path (in a code span) that reaches no file of the repository: a clone lacks it"
    if os.path.relpath(full, root).startswith(".."):
        return "outside the repository: a clone lacks it"
    if not os.path.exists(full):
        return "no such file in the repository"
    if frag and full.endswith(".md") and frag not in anchors(full):
        return f"no heading with the anchor #{frag} in {os.path.relpath(full, root)}"
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", ".."))
    broken, links = [], 0
    dirs, pages = walk(root)
    for page in pages:
        with open(os.path.join(root, page), encoding="utf-8") as f:
            text = f.read()
        for n, target, is_code_span in targets(text):
            links += 1
            why = problem(root, dirs, page, target, is_code_span)
            if why:
                broken.append(f"{page}:{n}: {target}: {why}")
    for b in broken:
        print("FAIL:", b)
    if links < 50:
        print(f"FAIL: only {links} links found: is the link pattern still right?")
        return 1
    print(f"doc links: {links} links checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
