namespace Pikumo.ImageGen.Specs;

/// <summary>How a <see cref="PromptSpec"/> is written into the prompt; chosen per model by <see cref="ImageModelCapabilities.PromptFormat"/>.</summary>
public enum PromptFormat
{
    /// <summary>The JSON document gpt-image models follow well (the default): stable keys, identity lock, layout block.</summary>
    Json,

    /// <summary>
    /// The same content as labelled plain text (TASK, REFERENCE IMAGES, SUBJECTS, STYLE, SCENE or LAYOUT, RULES), for
    /// models that do not read a JSON block well.
    /// </summary>
    PlainText,
}
