//! Folding items into the ones they refer to: one mechanism for every back-reference the reading
//! stage resolves (an organisation's short form within an article, a person's surname).

/// Merges each item into the one it refers to: `into[i] = Some(j)` sends item `i` to `j`,
/// following chains (`a → b → c`) to an item that stays, and `absorb(kept, merged)` folds it in,
/// in order. A chain that never ends (a cycle) leaves its items where they are.
/// Used for back-references: organisations within an article, and people's short names.
pub fn merge_into<T>(
    items: &mut Vec<T>,
    into: &[Option<usize>],
    mut absorb: impl FnMut(&mut T, T),
) {
    let root = |start: usize| {
        let mut i = start;
        for _ in 0..=items.len() {
            match into[i] {
                Some(j) => i = j,
                None => return i,
            }
        }
        start
    };
    let targets: Vec<usize> = (0..items.len()).map(root).collect();
    let mut moved: Vec<Vec<T>> = (0..items.len()).map(|_| Vec::new()).collect();
    let mut kept: Vec<(usize, T)> = Vec::with_capacity(items.len());
    for (i, item) in std::mem::take(items).into_iter().enumerate() {
        if targets[i] == i {
            kept.push((i, item));
        } else {
            moved[targets[i]].push(item);
        }
    }
    for (i, mut item) in kept {
        for merged in std::mem::take(&mut moved[i]) {
            absorb(&mut item, merged);
        }
        items.push(item);
    }
}
