public enum CoinageCLI { public static func main() {} }
