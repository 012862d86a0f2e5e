#region resilience-options
using Pikumo.ImageGen;

var options = new ImageGenOptions { Provider = ImageProvider.OpenAI };
options.Timeout = TimeSpan.FromMinutes(10);                   // the whole call, retries included
options.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5);  // one HTTP attempt (high quality takes minutes)
options.Resilience.MaxRetryAttempts = 3;                      // 408, 429, 5xx and connections that never opened
options.Resilience.RetryUnknownOutcomes = false;              // true may pay twice for one image
options.MaxConcurrentCalls = 8;                               // more calls wait their turn
options.UnsupportedParameters = UnsupportedParameterPolicy.Omit;   // drop what a model does not take, with a warning
#endregion
