import CoinageCLI

CoinageCLI.main()
