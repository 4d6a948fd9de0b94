using System.Linq.Expressions;

namespace Tiergate.Storage.Retention;

/// <summary>Puts an expression where a lambda's parameter was, to compose one predicate for several tables.</summary>
internal sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
}
