@main struct Facteur { static func main() {} }
