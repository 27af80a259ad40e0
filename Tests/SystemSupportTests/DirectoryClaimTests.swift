import Foundation
import SystemSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scratch directory removed when the test ends.
private struct Folder: ~Copyable {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("saliency-claim-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func url(_ name: String) -> URL { URL(fileURLWithPath: path + "/" + name) }

  func make(_ name: String, files: [String: String]) throws {
    try FileManager.default.createDirectory(atPath: path + "/" + name, withIntermediateDirectories: true)
    for (file, text) in files { try Data(text.utf8).write(to: url(name + "/" + file)) }
  }

  func listing(_ name: String = "") throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: name.isEmpty ? path : path + "/" + name).sorted()
  }
}

private let analysis = DirectoryClaim(kind: "analysis", command: "saliency analyze")

/// Writes a directory holding one file, `index.html`.
private func writeOutput(_ url: URL, claim: DirectoryClaim = analysis) throws {
  try AtomicFile.writeDirectory(to: url, claim: claim) { directory in
    try AtomicFile.write("new", to: directory.appendingPathComponent("index.html"))
  }
}

/// A process id that no process has (above Linux's largest pid_max).
private let deadPID = 2_000_000_000

@Suite("Which output directories may be replaced")
struct DirectoryClaimTests {
  @Test("a directory of the user's files is refused and left as it was; --force replaces it")
  func refusesForeignDirectory() throws {
    let folder = try Folder()
    try folder.make("mine", files: ["thesis.tex": "years of work"])
    let target = folder.url("mine")
    #expect(throws: AtomicFileError.foreignDirectory(path: target.path, command: "saliency analyze")) {
      try writeOutput(target)
    }
    #expect(throws: AtomicFileError.foreignDirectory(path: target.path, command: "saliency analyze")) {
      try AtomicFile.checkDirectory(target, claim: analysis)
    }
    #expect(try folder.listing("mine") == ["thesis.tex"])
    #expect(try folder.listing() == ["mine"])
    var forced = analysis
    forced.force = true
    try writeOutput(target, claim: forced)
    #expect(try folder.listing("mine") == [DirectoryClaim.markerName, "index.html"])
  }

  @Test("an empty directory and an earlier output of the same kind are replaced; another kind's is not")
  func replacesOwnOutput() throws {
    let folder = try Folder()
    try folder.make("empty", files: [:])
    try writeOutput(folder.url("empty"))
    try writeOutput(folder.url("empty"))
    #expect(try folder.listing("empty") == [DirectoryClaim.markerName, "index.html"])
    let evaluation = DirectoryClaim(kind: "evaluation", command: "saliency evaluate")
    #expect(throws: AtomicFileError.foreignDirectory(path: folder.url("empty").path, command: "saliency evaluate")) {
      try writeOutput(folder.url("empty"), claim: evaluation)
    }
  }

  @Test("/, the current directory, its parents, home and a directory holding an input are never replaced, even with --force")
  func refusesProtectedDirectories() throws {
    let folder = try Folder()
    try folder.make("corpus", files: ["train.tsv": "label\ttext\n"])
    var forced = DirectoryClaim(kind: "analysis", command: "saliency analyze", force: true,
                                inputs: [folder.path + "/corpus/train.tsv"])
    let cases: [(String, String)] = [
      ("/", "it is the root directory"),
      (FileManager.default.currentDirectoryPath, "it is the current directory"),
      (URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent().path,
       "it holds the current directory"),
      (folder.path + "/corpus", "it holds the input '\(folder.path)/corpus/train.tsv'"),
      (folder.path, "it holds the input '\(folder.path)/corpus/train.tsv'"),
    ]
    for (path, reason) in cases {
      #expect(throws: AtomicFileError.protectedDirectory(path: path, reason: reason)) {
        try writeOutput(URL(fileURLWithPath: path), claim: forced)
      }
    }
    forced.inputs = []
    if let home = ProcessInfo.processInfo.environment["HOME"], home != "/", !home.isEmpty {
      #expect(throws: AtomicFileError.protectedDirectory(path: home, reason: "it is your home directory")) {
        try AtomicFile.checkDirectory(URL(fileURLWithPath: home), claim: forced)
      }
    }
    #expect(try folder.listing("corpus") == ["train.tsv"])
  }

  @Test("a dead process's temporary directory is removed by the next run; one without the marker is kept")
  func removesAbandonedTemporaryDirectories() throws {
    let folder = try Folder()
    try folder.make(".out.tmp-\(deadPID)-1f2e", files: [DirectoryClaim.markerName: analysis.markerText, "examples.jsonl": "{}"])
    try folder.make(".out.tmp-\(deadPID)-3c4d", files: ["notes.txt": "not ours"])
    try folder.make(".out.tmp-\(getpid())-5e6f", files: [DirectoryClaim.markerName: analysis.markerText])
    try writeOutput(folder.url("out"))
    #expect(try folder.listing() == [".out.tmp-\(deadPID)-3c4d", ".out.tmp-\(getpid())-5e6f", "out"].sorted())
  }

  @Test("a dead process's temporary file is removed by the next write of that file")
  func removesAbandonedTemporaryFiles() throws {
    let folder = try Folder()
    try Data("half".utf8).write(to: folder.url(".report.html.tmp-\(deadPID)-ab12"))
    try Data("other".utf8).write(to: folder.url(".report.html.tmp-x-ab12"))
    try AtomicFile.write("page", to: folder.url("report.html"))
    #expect(try folder.listing() == [".report.html.tmp-x-ab12", "report.html"])
  }

  @Test("a symbolic link to nothing yet keeps the link and gets its target written")
  func followsDanglingLinks() throws {
    let folder = try Folder()
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.html", withDestinationPath: "target.html")
    try AtomicFile.write("page", to: folder.url("link.html"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/link.html") == "target.html")
    #expect(String(decoding: try Data(contentsOf: folder.url("target.html")), as: UTF8.self) == "page")
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/dir", withDestinationPath: folder.path + "/real")
    try writeOutput(folder.url("dir"))
    #expect(try folder.listing("real") == [DirectoryClaim.markerName, "index.html"])
    #expect(try folder.listing() == ["dir", "link.html", "real", "target.html"])
  }
}
