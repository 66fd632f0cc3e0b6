import Foundation

/// mime-bench: generate corpora, run the full parsing job, or time the decoders alone.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: mime-bench generate DIR          write the big and small corpora under DIR
           mime-bench run DIR [RUNS] [array|stream]
                                            full job over DIR/*.eml, best of RUNS; prints a JSON line
           mime-bench decoders [MB] [RUNS]  decoder throughput alone
    """

switch arguments.first {
case "decoders":
    let megabytes = arguments.count > 1 ? Int(arguments[1]) ?? 64 : 64
    let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
    DecoderBench.run(megabytes: megabytes, runs: runs)
case "generate" where arguments.count == 2:
    let start = Measure.now()
    try CorpusGenerator.writeAll(to: arguments[1])
    print("generated corpora under \(arguments[1]) in \(String(format: "%.1f", Measure.now() - start)) s")
case "run" where arguments.count >= 2:
    let directory = arguments[1]
    let runs = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
    let corpus = URL(fileURLWithPath: directory).lastPathComponent
    let mode = arguments.count > 3 ? FullJob.Mode(rawValue: arguments[3]) ?? .array : .array
    try FullJob.run(directory: directory, corpus: corpus, runs: runs, mode: mode)
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
