using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EnfixPortal.Tests.Architecture;

/// <summary>The types one compiled type mentions, and the named types inside a constructed one (List&lt;Token&gt;[] names
/// List and Token).</summary>
internal static class TypeUses
{
    public static IEnumerable<TypeReference> Of(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in Attributes(type)) yield return a;
        foreach (var g in type.GenericParameters.SelectMany(Constraints)) yield return g;
        foreach (var f in type.Fields) { yield return f.FieldType; foreach (var a in Attributes(f)) yield return a; }
        foreach (var p in type.Properties) { yield return p.PropertyType; foreach (var a in Attributes(p)) yield return a; }
        foreach (var e in type.Events) yield return e.EventType;
        foreach (var m in type.Methods)
        {
            yield return m.ReturnType;
            foreach (var a in Attributes(m)) yield return a;
            foreach (var p in m.Parameters) { yield return p.ParameterType; foreach (var a in Attributes(p)) yield return a; }
            foreach (var g in m.GenericParameters.SelectMany(Constraints)) yield return g;
            foreach (var o in m.Overrides) yield return o.DeclaringType;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) yield return v.VariableType;
            foreach (var h in m.Body.ExceptionHandlers) if (h.CatchType is not null) yield return h.CatchType;
            foreach (var used in m.Body.Instructions.SelectMany(Operand)) yield return used;
        }
    }

    /// <summary>The named types in a type as written: its element types, generic arguments and declaring generic type.</summary>
    public static IEnumerable<TypeReference> Named(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var t in Named(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Named))) yield return t;
                break;
            case TypeSpecification spec: // arrays, by-ref, pointers, modifiers
                foreach (var t in Named(spec.ElementType)) yield return t;
                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction)
    {
        switch (instruction.Operand)
        {
            case TypeReference type:
                yield return type;
                break;
            case GenericInstanceMethod generic:
                yield return generic.DeclaringType;
                yield return generic.ReturnType;
                foreach (var t in generic.GenericArguments) yield return t;
                foreach (var p in generic.Parameters) yield return p.ParameterType;
                break;
            case MethodReference method:
                yield return method.DeclaringType;
                yield return method.ReturnType;
                foreach (var p in method.Parameters) yield return p.ParameterType;
                break;
            case FieldReference field:
                yield return field.DeclaringType;
                yield return field.FieldType;
                break;
        }
    }

    private static IEnumerable<TypeReference> Constraints(GenericParameter parameter) =>
        parameter.Constraints.Select(c => c.ConstraintType);

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider owner) =>
        owner.CustomAttributes.SelectMany(a => a.ConstructorArguments.Select(x => x.Value).OfType<TypeReference>()
            .Prepend(a.AttributeType));
}
