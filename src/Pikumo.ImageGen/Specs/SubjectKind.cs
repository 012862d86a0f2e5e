namespace Pikumo.ImageGen.Specs;

/// <summary>What a <see cref="Subject"/> of a spec is: each kind has its own reference role and identity-lock preset.</summary>
public enum SubjectKind
{
    /// <summary>A person (<see cref="PromptSpecBuilder.AddSubject"/>): rendered in <c>"subjects"</c>; may have a pinned outfit.</summary>
    Person,

    /// <summary>A pet or other creature (<see cref="PromptSpecBuilder.AddCreature"/>): rendered in <c>"subjects"</c> with <c>"kind": "creature"</c>.</summary>
    Creature,

    /// <summary>An object that recurs (<see cref="PromptSpecBuilder.AddProp"/>): rendered in <c>"props"</c>.</summary>
    Prop,

    /// <summary>A place that recurs (<see cref="PromptSpecBuilder.AddLocation"/>): rendered in <c>"locations"</c>.</summary>
    Location,
}
