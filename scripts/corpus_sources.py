"""The pinned sources of the broad corpora: where each file comes from, its sha256, and how to get it.

Every file is pinned by the sha256 of its bytes. Files kept on GitHub are named by repository, commit and path:
the canonical URL is the raw URL at that commit, and `--from-git ROOT` reads the same blob from a local clone or
snapshot instead (this is how they were fetched on a machine without general network). The IMDb reviews are
50,000 small files: they are pinned by a content digest (below) and downloaded as Stanford's tarball.
Licences and the cleaning of each source are in docs/data.md. Python 3 standard library only.
"""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple


class SourceError(Exception):
    """A source that cannot be had or does not match its pin; the message says what to do."""


@dataclass(frozen=True)
class GitHubFile:
    repo: str  # owner/name
    commit: str
    path: str
    sha256: str

    @property
    def url(self) -> str:
        return f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{urllib.parse.quote(self.path)}"

    @property
    def cache_name(self) -> str:
        return f"{self.repo.replace('/', '+')}/{self.commit[:12]}/{self.path}"


AMAZON_REPO, AMAZON_COMMIT = "lorenzoritter/domainadaption", "f35a75418ea0ecf75dd85237bfcf68c224533747"
S140_REPO, S140_COMMIT = "geraldzakwan/iykra-sentiment-analysis", "0f8dae787c1e4d239f8b03a04dccfd6ddb77a6cc"
SEMEVAL_REPO, SEMEVAL_COMMIT = "gaozhengjie/ABSA-Data-Set", "95857fbb69c5432d4df75d70affefc2519c38f2a"
OS10_REPO, OS10_COMMIT = "SophonPlus/ChineseNlpCorpus", "a0b781d72158bde242c0626c9e354d2b328865ff"
NLTK_REPO, NLTK_COMMIT = "nltk/nltk_data", "5db857e6f7df11eabb5e5665836db9ec8df07e28"
WEIBO_REPO, WEIBO_COMMIT = "dengxiuqi/weibo2018", "4c6145e47473bbcb656aa7eeea307cae12bde5ba"
IMDB_REPO, IMDB_COMMIT = "udacity/AIND-NLP", "d26be24068017fbe1ecc7e0897c10d8699cff0fb"
DIANPING_REPO = "wshuyi/demo-chinese-text-classification-lstm-keras"
DIANPING_COMMIT = "f2dcdfbe5e9f7425eda97fc6778792ba429e71b5"

AMAZON_FILES = {
    (category, label): GitHubFile(AMAZON_REPO, AMAZON_COMMIT, f"sorted_data_acl/{category}/{label}.review", sha)
    for (category, label), sha in {
        ("books", "positive"): "24323836c9ce9601ac43b7ab45fff1ac9b82efda02f1269bf3e8cdc4b019a99a",
        ("books", "negative"): "562c58de7f739c9af2d62377ea2253ff73e89f69c84a332088f341cdb0e09660",
        ("dvd", "positive"): "fcf5207f79aa8af4910b5793c15fe90f25eb39501f9f4bdbd8f60a817224e28d",
        ("dvd", "negative"): "de1b539d29dc7edfbabf0ca4b1bce4e296d486533f3730012e4b49e36e762fa3",
        ("electronics", "positive"): "98daefad1056ec8d98fe910bdb50ae282695b9c2b89c2bc1513b9d2203b38a11",
        ("electronics", "negative"): "571287120d63e289753231804f33169b2ec4348ca6d24fa0d781a3a08e6376ff",
        ("kitchen_&_housewares", "positive"): "90ebec2b5a6ac040e16836c32b8efbd92ce98804b916c6367f7ade3b8d536798",
        ("kitchen_&_housewares", "negative"): "0ad1fa1f4539b47933fcef01be674b1246d1dc01403197c1439004cbaf4b543e",
    }.items()
}
S140_FILES = {
    label: GitHubFile(S140_REPO, S140_COMMIT, f"data/tweets_100k/{label}.txt", sha)
    for label, sha in {
        "negative": "91305124952116f2a29e1b1024eb74f74f6bfdf566189ffed2f0bfa9b181a3b7",
        "positive": "9974fca006a8ba35d363f2444712b16479948ba2fc9613a2d42cdd143251769d",
    }.items()
}
SEMEVAL_FILES = {
    ("restaurants", "train"): GitHubFile(SEMEVAL_REPO, SEMEVAL_COMMIT, "V1原版/Restaurants/Restaurants_Train.xml",
                                         "5195b73af689345b47dee950bada32f5c5268ba8a61b96e1ab2301040b4207e2"),
    ("restaurants", "test"): GitHubFile(SEMEVAL_REPO, SEMEVAL_COMMIT,
                                        "测试集/ABSA_Gold_TestData/Restaurants_Test_Gold.xml",
                                        "f21509cfa37e16534cd5b2da043be487355b64ef48fe8d6aaacaeca6b49cc0fb"),
    ("laptops", "train"): GitHubFile(SEMEVAL_REPO, SEMEVAL_COMMIT, "V1原版/Laptops/Laptops_Train.xml",
                                     "477fb9aa12fd5350891dfd6210a756265ba9907aad26ee1f2d715c979962afea"),
    ("laptops", "test"): GitHubFile(SEMEVAL_REPO, SEMEVAL_COMMIT, "测试集/ABSA_Gold_TestData/Laptops_Test_Gold.xml",
                                    "aa3a30c9dd7e0eacf9b69e898eb4118a36c1b4f391a30a08dfc41a38d8b8745b"),
}
OS10_FILE = GitHubFile(OS10_REPO, OS10_COMMIT, "datasets/online_shopping_10_cats/online_shopping_10_cats.zip",
                       "6816ded66fde9d0927ecbd370b5e12d0174d1abac35192ec014ac2a0a8d25858")
OS10_MEMBER = "online_shopping_10_cats.csv"
# nltk_data archives. Only these three are read; the same repository holds corpora that are held out, and
# nothing here names or opens them.
NLTK_FILES = {
    name: GitHubFile(NLTK_REPO, NLTK_COMMIT, f"packages/corpora/{name}.zip", sha)
    for name, sha in {
        "pros_cons": "b5bca541ba5b2e614cde2213ddcca027416f6997067c90e45c173bf55c6fade8",
        "product_reviews_1": "627bfb0bb7c87586246d99b4402c3d7e4fb77ac14559d8695c283bd6850615ac",
        "product_reviews_2": "272b08fe130882e5867aa7ecc69a65616099183c4ccc10374a62c271801b0bc1",
        "movie_reviews": "a41211ae685019137410268134db6a1a14428c89b671eb83056151a878539008",
    }.items()
}
WEIBO_FILES = [
    GitHubFile(WEIBO_REPO, WEIBO_COMMIT, "train.txt", "297697f372132ac3836762b12f3528b112f5e9cf87a590514ff8771fa0d0149e"),
    GitHubFile(WEIBO_REPO, WEIBO_COMMIT, "test.txt", "6f8142db96e71c2d6cb65c685f454940ad89c5781a61ccd981d33163f77b8070"),
]
DIANPING_FILE = GitHubFile(DIANPING_REPO, DIANPING_COMMIT, "dianping.csv",
                           "b4e7f1560b28e28321e079dab24ba78920cef3529dd01294e3e4184a82b7c386")

# IMDb (Maas et al. 2011). The pin is a content digest: sha256 over the sorted lines
# "<split>/<pos|neg>/<file name> <sha256 of the file>\n" of the 50,000 labelled reviews (train and test; the
# unlabelled ones are not used). It is the same for Stanford's tarball and for a copy of its files.
IMDB_TARBALL_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_GIT_PREFIX = "data/imdb-reviews/"
IMDB_CONTENT_SHA256 = "95da7b54fc4225d19db775308b48b77706fc1608aedce6fb188e2ac5a38757ef"
IMDB_REVIEWS = 50_000


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def imdb_content_digest(files: Dict[str, bytes]) -> str:
    """The IMDb pin: sha256 of the sorted "<relative path> <sha256>\n" lines."""
    lines = "".join(f"{path} {sha256_bytes(data)}\n" for path, data in sorted(files.items()))
    return sha256_bytes(lines.encode("utf-8"))


# --------------------------------------------------------------------------------------------------------------
# Getting bytes: a local git clone or snapshot, the cache, or the network
# --------------------------------------------------------------------------------------------------------------

def git_dir_for(root: Path, repo: str) -> Optional[Path]:
    """A git directory for owner/name under root: root/owner+name/repo[/.git], root/owner/name[/.git] or
    root/name[/.git]; None when there is none."""
    owner, name = repo.split("/")
    for candidate in (root / f"{owner}+{name}" / "repo", root / owner / name, root / name):
        for git_dir in (candidate / ".git", candidate):
            if (git_dir / "HEAD").is_file() and (git_dir / "objects").is_dir():
                return git_dir
    return None


def git_show(git_dir: Path, commit: str, path: str) -> bytes:
    result = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise SourceError(f"{git_dir}: cannot read {commit[:12]}:{path} "
                          f"({result.stderr.decode('utf-8', 'replace').strip()}); is the snapshot complete?")
    return result.stdout


def git_tree_blobs(git_dir: Path, commit: str, prefix: str) -> Iterator[Tuple[str, bytes]]:
    """(path, bytes) of every blob under prefix at commit, read in one `git cat-file --batch` process."""
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", commit, "--", prefix],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if listing.returncode != 0:
        raise SourceError(f"{git_dir}: cannot list {commit[:12]}:{prefix} "
                          f"({listing.stderr.decode('utf-8', 'replace').strip()})")
    entries = []
    for line in listing.stdout.decode("utf-8").splitlines():
        meta, path = line.split("\t", 1)
        _, kind, blob = meta.split()
        if kind == "blob":
            entries.append((path, blob))
    with subprocess.Popen(["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for path, blob in entries:
            proc.stdin.write(f"{blob}\n".encode())
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)  # the LF after each object
            yield path, data
        proc.stdin.close()


def download(url: str, dest: Path, log: Callable[[str], None]) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    log(f"downloading {url}")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(tmp, "wb") as out:
            while True:
                chunk = response.read(1 << 20)
                if not chunk:
                    break
                out.write(chunk)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise SourceError(f"cannot download {url} ({e}); without network, pass --from-git DIR with a clone or "
                          f"snapshot of the repository, or put the file at {dest}") from None
    tmp.replace(dest)


class Fetcher:
    """Returns the verified bytes of pinned files: from --from-git ROOT when given, else from the cache, else
    downloaded into the cache. A sha256 mismatch is an error naming the file, whatever the route."""

    def __init__(self, cache: Path, git_root: Optional[Path], offline: bool, log: Callable[[str], None]):
        self.cache, self.git_root, self.offline, self.log = cache, git_root, offline, log

    def file(self, pinned: GitHubFile) -> bytes:
        data = self._raw(pinned)
        got = sha256_bytes(data)
        if got != pinned.sha256:
            raise SourceError(f"{pinned.repo}@{pinned.commit[:12]}:{pinned.path}: sha256 {got}, expected "
                              f"{pinned.sha256}; refusing to use it (delete the cached copy to retry)")
        return data

    def _raw(self, pinned: GitHubFile) -> bytes:
        if self.git_root is not None:
            git_dir = git_dir_for(self.git_root, pinned.repo)
            if git_dir is not None:
                return git_show(git_dir, pinned.commit, pinned.path)
        cached = self.cache / "github" / pinned.cache_name
        if not cached.exists():
            if self.offline:
                raise SourceError(f"{cached} is missing and --offline was given")
            download(pinned.url, cached, self.log)
        return cached.read_bytes()

    def imdb_reviews(self) -> Dict[str, bytes]:
        """"<split>/<pos|neg>/<name>" -> bytes of the 50,000 labelled IMDb reviews, checked against the pin."""
        files: Dict[str, bytes] = {}
        git_dir = git_dir_for(self.git_root, IMDB_REPO) if self.git_root is not None else None
        if git_dir is not None:
            for path, data in git_tree_blobs(git_dir, IMDB_COMMIT, IMDB_GIT_PREFIX):
                rel = path[len(IMDB_GIT_PREFIX):]
                if _imdb_review_path(rel):
                    files[rel] = data
        else:
            tarball = self.cache / "imdb" / "aclImdb_v1.tar.gz"
            if not tarball.exists():
                if self.offline:
                    raise SourceError(f"{tarball} is missing and --offline was given")
                download(IMDB_TARBALL_URL, tarball, self.log)
            files = _imdb_from_tarball(tarball)
        got = imdb_content_digest(files)
        if len(files) != IMDB_REVIEWS or got != IMDB_CONTENT_SHA256:
            raise SourceError(f"IMDb reviews: {len(files)} files with content digest {got}; expected "
                              f"{IMDB_REVIEWS} files and {IMDB_CONTENT_SHA256}")
        return files


def _imdb_review_path(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) == 3 and parts[0] in ("train", "test") and parts[1] in ("pos", "neg") \
        and parts[2].endswith(".txt")


def _imdb_from_tarball(path: Path) -> Dict[str, bytes]:
    files: Dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                rel = member.name[len("aclImdb/"):] if member.name.startswith("aclImdb/") else ""
                if member.isfile() and _imdb_review_path(rel):
                    handle = tar.extractfile(member)
                    if handle is not None:
                        files[rel] = handle.read()
    except (tarfile.TarError, OSError, EOFError) as e:
        raise SourceError(f"{path}: cannot read the tarball ({e}); delete it to download again") from None
    return files


def source_table() -> List[Dict[str, str]]:
    """One entry per pinned file, for docs/data.md and the tests."""
    table = []
    pinned_files = (list(AMAZON_FILES.values()) + list(S140_FILES.values()) + list(SEMEVAL_FILES.values())
                    + [OS10_FILE, DIANPING_FILE] + WEIBO_FILES + list(NLTK_FILES.values()))
    for pinned in pinned_files:
        table.append({"url": pinned.url, "sha256": pinned.sha256})
    table.append({"url": IMDB_TARBALL_URL, "sha256": f"content digest {IMDB_CONTENT_SHA256}"})
    return table
