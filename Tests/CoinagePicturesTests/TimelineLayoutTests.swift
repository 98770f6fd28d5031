import Coinage
import CoinagePictures
import Testing

private let at = PictureShop.at

/// The calendar's layout: lanes per region's clocks, weekly hours, cuts and ranges.
@Suite struct TimelineLayoutTests {
    @Test func aLocalWindowGetsALanePerSetOfRegionsWithTheSameClocks() throws {
        let shop = try #require(PictureShop.make("promotion sale {\n  during 2026-11-27 to 2026-11-27 local\n  discount 10%\n}\n"))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-26T00:00Z"), to: at("2026-11-29T00:00Z"))
        let lanes = try #require(timeline.rows.first).lanes
        // Berlin and Paris keep the same clocks; Tokyo and New York each their own.
        // Regions come in the rules' order, which is by code.
        #expect(lanes.map(\.regions) == [["DE", "FR"], ["JP"], ["US"]])
        #expect(lanes.map(\.zones) == [["Europe/Berlin", "Europe/Paris"], ["Asia/Tokyo"], ["America/New_York"]])
        #expect(lanes[0].live == [Timeline.Stretch(start: at("2026-11-26T23:00Z"), end: at("2026-11-27T23:00Z"))])
        #expect(lanes[1].live == [Timeline.Stretch(start: at("2026-11-26T15:00Z"), end: at("2026-11-27T15:00Z"))])
        #expect(lanes[2].live == [Timeline.Stretch(start: at("2026-11-27T05:00Z"), end: at("2026-11-28T05:00Z"))])
        #expect(try #require(timeline.rows.first).isLocal)
    }

    @Test func aWindowInANamedZoneIsOneLaneForEveryRegion() throws {
        let shop = try #require(PictureShop.make("promotion sale {\n  during 2026-11-27 to 2026-11-27 Asia/Tokyo\n  discount 10%\n}\n"))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-26T00:00Z"), to: at("2026-11-29T00:00Z"))
        let lanes = try #require(timeline.rows.first).lanes
        #expect(lanes.count == 1)
        #expect(lanes[0].regions == ["DE", "FR", "JP", "US"])
        #expect(timeline.label(lanes[0]) == "all regions")
        #expect(lanes[0].live == [Timeline.Stretch(start: at("2026-11-26T15:00Z"), end: at("2026-11-27T15:00Z"))])
    }

    @Test func weeklyHoursAreDrawnAsTheirOwnStretchesIncludingPastMidnight() throws {
        let shop = try #require(PictureShop.make("promotion late {\n  every fri from 22:00 to 02:00\n  bonus 10%\n}\n"))
        // Monday 2026-11-23 to Monday 2026-12-07: two Fridays.
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-23T00:00Z"), to: at("2026-12-07T00:00Z"))
        let row = try #require(timeline.rows.first)
        #expect(row.hasHours)
        #expect(row.schedule == ["every fri from 22:00 to 02:00 UTC"])
        #expect(row.lanes.count == 1)
        #expect(row.lanes[0].live == [
            Timeline.Stretch(start: at("2026-11-27T22:00Z"), end: at("2026-11-28T02:00Z")),
            Timeline.Stretch(start: at("2026-12-04T22:00Z"), end: at("2026-12-05T02:00Z")),
        ])
    }

    @Test func anExclusivePromotionCutsTheLaterOnesLiveAtTheSameTime() throws {
        let shop = try #require(PictureShop.make("""
            promotion first {
              during 2026-11-27 to 2026-11-28
              discount 20%
              priority 10
              exclusive
            }
            promotion second {
              during 2026-11-28 to 2026-11-30
              discount 5%
            }

            """))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-26T00:00Z"), to: at("2026-12-02T00:00Z"))
        #expect(timeline.rows.map(\.name) == ["first", "second"])
        let lane = try #require(timeline.rows.last?.lanes.first)
        #expect(lane.cuts == [Timeline.Stretch(start: at("2026-11-28T00:00Z"), end: at("2026-11-29T00:00Z"))])
        #expect(lane.cutBy == ["first (exclusive)"])
        #expect(!lane.moreCutters)
        #expect(timeline.rows.first?.lanes.first?.cuts.isEmpty == true)
        #expect(timeline.overlaps.count == 1)
        #expect(timeline.overlaps.first?.winner == "first")
        #expect(timeline.overlaps.first?.loser == "second")
        #expect(timeline.overlaps.first?.regions == ["DE", "FR", "JP", "US"])
    }

    @Test func membersOfAGroupCutEachOtherButUngroupedOnesDoNot() throws {
        let shop = try #require(PictureShop.make("""
            promotion a {
              every sat
              bonus 10%
              group weekend
            }
            promotion b {
              every sat, sun
              bonus 5%
              group weekend
            }
            promotion c {
              every sat
              bonus 1%
            }

            """))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-23T00:00Z"), to: at("2026-11-30T00:00Z"))
        let byName = Dictionary(uniqueKeysWithValues: timeline.rows.map { ($0.name, $0) })
        #expect(byName["b"]?.lanes.first?.cutBy == ["a (group weekend)"])
        #expect(byName["b"]?.lanes.first?.cuts == [Timeline.Stretch(start: at("2026-11-28T00:00Z"), end: at("2026-11-29T00:00Z"))])
        #expect(byName["c"]?.lanes.first?.cuts.isEmpty == true)
        #expect(timeline.overlaps.map { "\($0.winner)>\($0.loser)" } == ["a>b"])
    }

    /// Cuts from several promotions are one hatched set of stretches; three cutters
    /// are named and the rest counted as "others".
    @Test func cutsMergeAndTheFirstThreeCuttersAreNamed() throws {
        var text = ""
        for number in 1...5 {
            text += "promotion x\(number) {\n  during 2026-11-2\(number) to 2026-11-2\(number + 1)\n  discount 1%\n  priority 10\n  exclusive\n}\n"
        }
        text += "promotion last {\n  discount 1%\n}\n"
        let shop = try #require(PictureShop.make(text))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-20T00:00Z"), to: at("2026-12-01T00:00Z"))
        let lane = try #require(timeline.rows.first { $0.name == "last" }?.lanes.first)
        #expect(lane.cuts == [Timeline.Stretch(start: at("2026-11-21T00:00Z"), end: at("2026-11-27T00:00Z"))])
        #expect(lane.cutBy == ["x1 (exclusive)", "x2 (exclusive)", "x3 (exclusive)"])
        #expect(lane.moreCutters)
        #expect(TimelineText.text(timeline).contains("    cut by x1 (exclusive), x2 (exclusive), x3 (exclusive) and others\n"))
    }

    /// A calendar stops drawing rows before it passes `maxStretches`, and says so.
    @Test func rowsStopAtTheStretchBudget() throws {
        var text = ""
        for number in 0..<60 {
            text += "promotion daily\(number) {\n  every mon, tue, wed, thu, fri, sat, sun from 10:00 to 11:00\n  bonus 1%\n}\n"
        }
        let shop = try #require(PictureShop.make(text))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-01-01T00:00Z"), to: at("2027-01-01T00:00Z"))
        // 365 stretches a row: 54 rows fit in 20,000.
        #expect(timeline.rows.count == 54)
        #expect(timeline.omittedRows == 6)
        #expect(timeline.rows.reduce(0) { $0 + $1.lanes.reduce(0) { $0 + $1.live.count + $1.cuts.count } } <= Timeline.maxStretches)
        #expect(TimelineText.text(timeline).contains("6 more promotions are not drawn"))
    }

    @Test func overlapsStopAtTheirLimit() throws {
        var text = ""
        for number in 0..<16 {
            text += "promotion always\(number) {\n  discount 1%\n  exclusive\n}\n"
        }
        let shop = try #require(PictureShop.make(text))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-20T00:00Z"), to: at("2026-11-21T00:00Z"))
        // 16 exclusives make 120 pairs.
        #expect(timeline.overlaps.count == Timeline.maxOverlaps)
        #expect(timeline.moreOverlaps)
        #expect(TimelinePage.html(timeline, rules: "r").contains("More overlaps than the 100 listed"))
    }

    @Test func aRegionTheConditionRulesOutGetsNoLane() throws {
        let shop = try #require(PictureShop.make("promotion eu {\n  when region in [DE, FR]\n  discount 5%\n}\n"))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-23T00:00Z"), to: at("2026-11-24T00:00Z"))
        let row = try #require(timeline.rows.first)
        #expect(row.lanes.map(\.regions) == [["DE", "FR"]])
        #expect(row.excludedRegions == ["JP", "US"])
        #expect(row.schedule.isEmpty)
        #expect(row.lanes[0].live == [Timeline.Stretch(start: at("2026-11-23T00:00Z"), end: at("2026-11-24T00:00Z"))])
    }

    @Test func chosenRegionsAloneAreDrawn() throws {
        let shop = try #require(PictureShop.make("promotion sale {\n  during 2026-11-27 to 2026-11-27 local\n  discount 10%\n}\n"))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-26T00:00Z"), to: at("2026-11-29T00:00Z"),
                                    regions: ["JP", "FR"])
        #expect(timeline.regions == ["FR", "JP"])
        #expect(timeline.rows.first?.lanes.map(\.regions) == [["FR"], ["JP"]])
    }

    @Test func aRangeOutsideEveryWindowIsDrawnEmpty() throws {
        let shop = try #require(PictureShop.make("promotion sale {\n  during 2026-11-27 to 2026-11-27\n  discount 10%\n}\n"))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2027-01-01T00:00Z"), to: at("2027-01-08T00:00Z"))
        #expect(timeline.isEmpty)
        #expect(timeline.rows.first?.lanes.first?.live.isEmpty == true)
        #expect(TimelineText.text(timeline).contains("    not live in the range\n"))
    }

    @Test func aShopWithoutPromotionsHasNoRows() throws {
        let shop = try #require(PictureShop.make(""))
        let timeline = try Timeline(shop.rules, book: shop.book, from: at("2026-11-26T00:00Z"), to: at("2026-11-27T00:00Z"))
        #expect(timeline.rows.isEmpty)
        #expect(TimelineChart.svg(timeline).rendered().contains("The rules declare no promotions."))
    }

    @Test(arguments: [
        ("2026-11-27T00:00Z", "2026-11-27T00:00Z", Timeline.RangeError.empty(from: at("2026-11-27T00:00Z"), to: at("2026-11-27T00:00Z"))),
        ("2026-11-28T00:00Z", "2026-11-27T00:00Z", Timeline.RangeError.empty(from: at("2026-11-28T00:00Z"), to: at("2026-11-27T00:00Z"))),
        ("2026-01-01T00:00Z", "2027-01-03T00:00Z", Timeline.RangeError.tooLong(days: 367)),
        ("1999-12-31T00:00Z", "2000-01-02T00:00Z", Timeline.RangeError.outsideQuotable),
    ])
    func badRangesAreRefused(from: String, to: String, error: Timeline.RangeError) throws {
        let shop = try #require(PictureShop.make(""))
        #expect(throws: error) { try Timeline(shop.rules, book: shop.book, from: at(from), to: at(to)) }
    }

    @Test func aYearAndALeapDayIsTheLongestRange() {
        #expect(Timeline.validate(from: at("2028-01-01T00:00Z"), to: at("2029-01-01T00:00Z")) == nil)
        #expect(Timeline.validate(from: at("2028-01-01T00:00Z"), to: at("2029-01-01T00:00:01Z")) == .tooLong(days: 367))
    }
}
