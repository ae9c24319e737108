import Campaign
import Driver
import Testing

/// Shards and workers split the index space into disjoint residues whose union is the
/// whole range, so a campaign of N sequences per shard runs the same sequences whatever
/// the number of workers.
@Suite struct CampaignPartitionTests {
    static let layouts: [(shards: Int, workers: Int)] = [
        (1, 1), (1, 2), (1, 3), (1, 8), (2, 1), (2, 2), (3, 4), (4, 3), (5, 7), (8, 1), (7, 16),
    ]

    @Test(arguments: [1, 2, 5, 17, 64])
    func shardsAndWorkersCoverTheRangeOnce(total: Int) {
        for (shards, workers) in Self.layouts {
            var seen: [Int: Int] = [:]
            for shard in 0..<shards {
                let layout = IndexPartition(shard: shard, shards: shards, workers: workers)
                var shardIndices: [Int] = []
                for worker in 0..<workers {
                    let indices = layout.indices(worker: worker, count: layout.sequenceCount(worker: worker, ofShardTotal: total))
                    for index in indices {
                        seen[index, default: 0] += 1
                        #expect(layout.worker(of: index) == worker, "index \(index) in \(shard)/\(shards) × \(workers)")
                        #expect(index % (shards * workers) == shard + shards * worker, "residue rule s + S·w (mod S·W)")
                    }
                    shardIndices += indices
                }
                // A shard's workers together run exactly the shard's first `total` indices.
                #expect(shardIndices.sorted() == (0..<total).map { layout.shardIndex($0) }, "\(shard)/\(shards) × \(workers)")
            }
            #expect(Set(seen.keys) == Set(0..<(shards * total)), "union is the whole range for \(shards)×\(workers)")
            #expect(seen.values.allSatisfy { $0 == 1 }, "no index runs twice for \(shards)×\(workers)")
        }
    }

    @Test func otherShardsIndicesBelongToNoWorkerHere() {
        let layout = IndexPartition(shard: 1, shards: 3, workers: 2)
        #expect(layout.worker(of: 0) == nil)
        #expect(layout.worker(of: 2) == nil)
        #expect(layout.worker(of: 1) == 0)
        #expect(layout.worker(of: 4) == 1)
        #expect(layout.sequencesDone(worker: 1, nextIndex: 4 + 6 * 3) == 3)
    }

    @Test func shardSyntaxIsChecked() {
        func parsed(_ text: String) -> String {
            switch IndexPartition.parseShard(text) {
            case .success(let value): return "\(value.shard)/\(value.shards)"
            case .failure(let error): return "error: \(error.message)"
            }
        }
        #expect(parsed("0/1") == "0/1")
        #expect(parsed("3/4") == "3/4")
        #expect(parsed("4/4").hasPrefix("error: needs 0 ≤ I < N"))
        #expect(parsed("-1/4").hasPrefix("error: needs 0 ≤ I < N"))
        #expect(parsed("1/0").hasPrefix("error: needs N ≥ 1"))
        #expect(parsed("2").hasPrefix("error: takes I/N"))
        #expect(parsed("a/b").hasPrefix("error: takes I/N"))
    }
}
