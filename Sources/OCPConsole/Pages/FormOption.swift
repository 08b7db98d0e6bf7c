/// One choice of a select list.
struct FormOption {
    var value: String
    var selected: Bool
}
