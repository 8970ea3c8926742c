import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the demo writes: standard output, line by line, flushed at once so a pipe sees progress as it happens.
struct DemoOutput: Sendable {
    /// Whether standard output is a terminal: then progress bars redraw in place.
    let isTerminal = isatty(STDOUT_FILENO) == 1
    /// Whether `--explain` narration is printed.
    let explains: Bool

    /// Writes `text` followed by a newline.
    func line(_ text: String = "") {
        write(text + "\n")
    }

    /// Writes a step heading, with its narration first under `--explain`.
    func step(_ number: Int, of total: Int, _ title: String, explanation: String) {
        line()
        if explains { paragraph(explanation) }
        line("[\(number)/\(total)] \(title)")
    }

    /// Under `--explain`, writes `text` as an indented paragraph.
    func explain(_ text: String) {
        guard explains else { return }
        paragraph(text)
    }

    private func paragraph(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { self.line("  | \(line)") }
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// A progress bar on a terminal (`label [#######-------] 120/200`), or a few plain lines in a pipe or file.
struct ProgressBar {
    let output: DemoOutput
    let label: String
    let total: Int
    private var shown = -1

    init(output: DemoOutput, label: String, total: Int) {
        self.output = output
        self.label = label
        self.total = total
    }

    /// Reports `done` of `total`; redraws when the bar changes, and ends the line at the end.
    mutating func update(_ done: Int) {
        let width = 30
        if output.isTerminal {
            let filled = total == 0 ? width : done * width / total
            guard filled != shown || done == total else { return }
            shown = filled
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            output.write("\r  \(label) [\(bar)] \(done)/\(total)" + (done == total ? "\n" : ""))
        } else {
            let quarter = total == 0 ? 4 : done * 4 / total
            guard quarter != shown, quarter > 0 else { return }
            shown = quarter
            output.line("  \(label) \(done)/\(total)")
        }
    }
}
