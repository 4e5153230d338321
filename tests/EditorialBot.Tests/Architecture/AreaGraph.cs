using System.Reflection;

namespace EditorialBot.Tests.Architecture;

/// <summary>
/// Which area refers to which: an area is a namespace three segments deep (<c>EditorialBot.Workflow.Review</c>), so
/// <c>EditorialBot.Bot.Discord.Rest</c> belongs to <c>EditorialBot.Bot.Discord</c>. Each edge keeps one example
/// (type → referenced type) to make a reported cycle easy to find.
/// </summary>
internal sealed class AreaGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    public static AreaGraph OfTypes(IEnumerable<Type> types)
    {
        var ours = types.Where(static t => t.Namespace is not null).ToList();
        var known = ours.ToHashSet();
        AreaGraph graph = new();
        foreach (var type in ours)
        {
            var from = Area(type);
            graph._edges.TryAdd(from, new Dictionary<string, string>(StringComparer.Ordinal));
            foreach (var target in TypeReferences.Of(type).Where(known.Contains))
            {
                var to = Area(target);
                if (to != from)
                {
                    graph._edges[from].TryAdd(to, $"{type.FullName} → {target.FullName}");
                }
            }
        }
        return graph;
    }

    /// <summary>Our own types in <paramref name="assemblies"/> (not, e.g., the regex source generator's).</summary>
    public static AreaGraph Of(params Assembly[] assemblies) =>
        OfTypes(assemblies.SelectMany(static a => a.GetTypes()).Where(static t => t.Namespace?.StartsWith("EditorialBot.", StringComparison.Ordinal) == true));

    public static string Area(Type type) => string.Join('.', type.Namespace!.Split('.').Take(3));

    public IReadOnlyList<string> Areas => [.. _edges.Keys.Order(StringComparer.Ordinal)];

    public bool DependsOn(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>Every strongly connected set of two or more areas, each with the edges that tie it together.</summary>
    public IReadOnlyList<string> Cycles()
    {
        // Tarjan's algorithm over the area graph.
        var index = 0;
        Dictionary<string, (int Index, int Low)> seen = new(StringComparer.Ordinal);
        Stack<string> stack = new();
        HashSet<string> onStack = new(StringComparer.Ordinal);
        List<string> cycles = [];

        void Visit(string area)
        {
            seen[area] = (index, index);
            index++;
            stack.Push(area);
            onStack.Add(area);
            foreach (var next in _edges.GetValueOrDefault(area)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!seen.ContainsKey(next))
                {
                    Visit(next);
                    seen[area] = (seen[area].Index, Math.Min(seen[area].Low, seen[next].Low));
                }
                else if (onStack.Contains(next))
                {
                    seen[area] = (seen[area].Index, Math.Min(seen[area].Low, seen[next].Index));
                }
            }
            if (seen[area].Low != seen[area].Index)
            {
                return;
            }
            List<string> component = [];
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != area);
            if (component.Count > 1)
            {
                var ties = component.SelectMany(from => _edges[from].Where(e => component.Contains(e.Key)).Select(e => $"    {from} → {e.Key}: {e.Value}"));
                cycles.Add($"{string.Join(" ⇄ ", component.Order(StringComparer.Ordinal))}\n{string.Join("\n", ties.Order(StringComparer.Ordinal))}");
            }
        }

        foreach (var area in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!seen.ContainsKey(area))
            {
                Visit(area);
            }
        }
        return cycles;
    }
}
